import type { TeamWeights } from '../db/schema';

/**
 * How much one citizen weighs in a case manager's load. The method counts citizens (at most 8
 * per post) but knows some weigh more: the first months in an own home, a crisis, a hospital
 * discharge, an eviction threat, and weeks that took many hours. A team may tune the numbers.
 *
 * - `base`: an ordinary citizen (1).
 * - `moveInPeriod`: a citizen in the move-in period counts this much instead (1.5).
 * - `acute`: a citizen flagged acute counts this much instead (1.5); with a move-in, the larger.
 * - `hoursPerWeekStep`: every full step of contact hours in the last seven days adds 0.5
 *   (step 5: ten hours add 1, one hour adds nothing).
 * - `coverShare`: each colleague's citizen covered right now counts this much (1).
 */
export const DEFAULT_WEIGHTS: TeamWeights = {
	base: 1,
	moveInPeriod: 1.5,
	acute: 1.5,
	coverShare: 1,
	hoursPerWeekStep: 5
};

export interface CitizenIntensity {
	inMoveInPeriod: boolean;
	acute: boolean;
	hoursLastWeek: number;
}

export function citizenWeight(citizen: CitizenIntensity, weights: TeamWeights): number {
	const state = Math.max(
		weights.base,
		citizen.inMoveInPeriod ? weights.moveInPeriod : 0,
		citizen.acute ? weights.acute : 0
	);
	const hours =
		weights.hoursPerWeekStep > 0
			? Math.floor(citizen.hoursLastWeek / weights.hoursPerWeekStep) * 0.5
			: 0;
	return state + hours;
}

export function weightedLoad(
	citizens: readonly CitizenIntensity[],
	covering: number,
	weights: TeamWeights
): number {
	const sum = citizens.reduce((total, c) => total + citizenWeight(c, weights), 0);
	return Math.round((sum + covering * weights.coverShare) * 10) / 10;
}

export function weightsOf(stored: Partial<TeamWeights> | null | undefined): TeamWeights {
	return { ...DEFAULT_WEIGHTS, ...(stored ?? {}) };
}
