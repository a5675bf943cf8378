/** The method's rule: at most 8 citizens per full-time post (configurable per team). */
export const DEFAULT_CAPACITY_PER_FTE = 8;

export function capacityOf(fte: number, capacityPerFte: number = DEFAULT_CAPACITY_PER_FTE): number {
	// A 0.75 post holds 6; rounding down keeps a part-time post from being over-promised.
	return Math.floor(fte * capacityPerFte + 1e-9);
}
