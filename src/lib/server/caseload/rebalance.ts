import { DEFAULT_CAPACITY_PER_FTE } from './capacity';

export interface RebalanceCaseManager {
	id: string;
	name: string;
	teamId: string;
	/** floor(capacityPerFte × FTE), see `capacityOf`. */
	capacity: number;
	/** Absent or inactive: may keep their citizens but receives none. */
	available: boolean;
}

export interface RebalanceCitizen {
	id: string;
	/** Current primary case manager. */
	caseManagerId: string;
	/** In the first months after moving into their own home: moved only if unavoidable. */
	inMoveInPeriod: boolean;
	/** Colleagues who already know the citizen (covered for them, joined visits): preferred receivers. */
	knownBy: readonly string[];
}

export interface Reassignment {
	citizenId: string;
	from: string;
	to: string;
	/** Why this receiver. */
	fit: 'knows_citizen' | 'same_team' | 'other_team';
}

export interface RebalanceResult {
	moves: Reassignment[];
	/** True when everyone is within capacity after the moves. */
	feasible: boolean;
	/** When infeasible: citizens above total available capacity, and the FTE that would take. */
	shortfall: { citizens: number; fte: number } | null;
	loadsBefore: Record<string, number>;
	loadsAfter: Record<string, number>;
}

/**
 * The method caps a caseload at 8 citizens per full-time post, and every move costs the citizen a
 * relationship: so the team leader gets the fewest moves that honour the cap, and the moves that
 * keep the most continuity. Citizens who just moved into their own home need their case manager
 * most, so they stay unless their manager has no one else to give away. Absent colleagues may
 * keep their citizens but take no new ones.
 *
 * Greedy, not an optimiser. Guaranteed: the number of moves is minimal (exactly the overload, or
 * all the headroom there is); nobody is moved from a manager within capacity; a move-in citizen
 * moves only when the manager's other citizens are not enough. Best-effort: how many moves go to a
 * colleague who knows the citizen (citizens with the fewest such colleagues are placed first).
 * Citizens whose manager is not in the list are left alone.
 */
export function suggestRebalancing(
	caseManagers: readonly RebalanceCaseManager[],
	citizens: readonly RebalanceCitizen[],
	options: { capacityPerFte?: number; teamId?: string } = {}
): RebalanceResult {
	const perFte = options.capacityPerFte ?? DEFAULT_CAPACITY_PER_FTE;
	const teamOf = new Map(caseManagers.map((m) => [m.id, m.teamId]));
	const mine = citizens.filter((c) => teamOf.has(c.caseManagerId)).sort((a, b) => cmp(a.id, b.id));
	const load = new Map(caseManagers.map((m) => [m.id, 0]));
	for (const c of mine) bump(load, c.caseManagerId, 1);
	const loadsBefore = Object.fromEntries(load);

	const need = new Map<string, number>();
	const room = new Map<string, number>();
	for (const m of caseManagers) {
		const l = at(load, m.id);
		if (l > m.capacity) need.set(m.id, l - m.capacity);
		else if (m.available && l < m.capacity) room.set(m.id, m.capacity - l);
	}
	const overload = sum(need.values());
	const headroom = sum(room.values());
	const givable = mine.filter((c) => need.has(c.caseManagerId));
	const settled = new Map<string, number>();
	for (const c of givable) if (!c.inMoveInPeriod) bump(settled, c.caseManagerId, 1);
	if (overload > headroom) shareOut(need, settled, headroom);

	const knownWithRoom = (c: RebalanceCitizen) =>
		[...new Set(c.knownBy)].filter((id) => id !== c.caseManagerId && at(room, id) > 0);
	const roomiest = (ids: string[]) => ids.sort((a, b) => at(room, b) - at(room, a) || cmp(a, b))[0];
	const moves: Reassignment[] = [];
	const moved = new Set<string>();
	for (;;) {
		// A move-in citizen is open only once their manager has too few settled citizens left to give.
		const open = givable.filter(
			(c) =>
				!moved.has(c.id) &&
				at(need, c.caseManagerId) > (c.inMoveInPeriod ? at(settled, c.caseManagerId) : 0)
		);
		// Citizens with the fewest known colleagues with room go first, so those colleagues' room is
		// not spent on citizens with other options; then the manager with most left to give.
		const known = open
			.map((c) => ({ c, k: knownWithRoom(c) }))
			.filter(({ k }) => k.length > 0)
			.sort((a, b) => a.k.length - b.k.length || cmp(a.c.id, b.c.id))[0];
		const citizen =
			known?.c ??
			open.sort(
				(a, b) =>
					at(need, b.caseManagerId) - at(need, a.caseManagerId) ||
					cmp(a.caseManagerId, b.caseManagerId) ||
					Number(a.inMoveInPeriod) - Number(b.inMoveInPeriod) ||
					cmp(a.id, b.id)
			)[0];
		if (!citizen) break;
		const from = citizen.caseManagerId;
		const withRoom = [...room.keys()].filter((id) => at(room, id) > 0);
		const teams = [teamOf.get(from), options.teamId];
		const sameTeam = withRoom.filter((id) => teams.includes(teamOf.get(id)));
		const [to, fit]: [string | undefined, Reassignment['fit']] = known
			? [roomiest(known.k), 'knows_citizen']
			: sameTeam.length > 0
				? [roomiest(sameTeam), 'same_team']
				: [roomiest(withRoom), 'other_team'];
		if (to === undefined) break; // unreachable: the needs were capped at the headroom
		moves.push({ citizenId: citizen.id, from, to, fit });
		moved.add(citizen.id);
		bump(need, from, -1);
		if (!citizen.inMoveInPeriod) bump(settled, from, -1);
		bump(room, to, -1);
		bump(load, from, -1);
		bump(load, to, 1);
	}

	const short = overload - headroom;
	return {
		moves,
		feasible: short <= 0,
		shortfall: short > 0 ? { citizens: short, fte: Math.ceil((short * 10) / perFte) / 10 } : null,
		loadsBefore,
		loadsAfter: Object.fromEntries(load)
	};
}

/** Too little headroom: one slot at a time to the manager with most overload left, settled first. */
function shareOut(need: Map<string, number>, settled: Map<string, number>, slots: number): void {
	const given = new Map([...need.keys()].map((id) => [id, 0]));
	const caps = [
		(id: string) => Math.min(at(need, id), at(settled, id)),
		(id: string) => at(need, id)
	];
	for (const cap of caps) {
		for (; slots > 0; slots--) {
			const left = (id: string) => at(need, id) - at(given, id);
			const [id] = [...given.keys()]
				.filter((id) => at(given, id) < cap(id))
				.sort((a, b) => left(b) - left(a) || cmp(a, b));
			if (id === undefined) break;
			bump(given, id, 1);
		}
	}
	for (const [id, n] of given) need.set(id, n);
}

const at = (m: Map<string, number>, id: string) => m.get(id) ?? 0;
const bump = (m: Map<string, number>, id: string, by: number) => m.set(id, at(m, id) + by);
const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
