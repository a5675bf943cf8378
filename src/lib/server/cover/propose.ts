export interface CoverCandidate {
	id: string;
	name: string;
	/** 8 × FTE, floored: how many citizens this colleague can carry. */
	capacity: number;
	/** Their own active citizens now. */
	load: number;
	/** Citizens they already cover (confirmed or proposed) in a window overlapping this absence. */
	coversInWindow: number;
	/** Absent themselves at any time in the window: never proposed. */
	absentInWindow: boolean;
}

export interface CitizenToCover {
	citizenId: string;
	/** The standing cover "buddy" the case manager nominated for this citizen, if any. */
	buddyId: string | null;
	/** Colleagues who covered this citizen before (any earlier cover grant). */
	coveredBeforeBy: readonly string[];
	/** Colleagues who joined a visit/contact with this citizen (journal participants). */
	joinedVisitsBy: readonly string[];
	/** In the move-in period or flagged acute: placed first, so they get the best-known colleague. */
	priority: boolean;
}

export type ProposalReason =
	'buddy' | 'covered_before' | 'joined_visits' | 'same_team' | 'no_one_available';

export interface CoverProposal {
	citizenId: string;
	coverUserId: string | null;
	reason: ProposalReason;
	/** True when the chosen colleague is beyond capacity with this cover included. */
	overCapacity: boolean;
}

type Tier = Exclude<ProposalReason, 'no_one_available'>;
const RANK: Record<Tier, number> = { buddy: 0, covered_before: 1, joined_visits: 2, same_team: 3 };

function tierOf(citizen: CitizenToCover, candidateId: string): Tier {
	if (citizen.buddyId === candidateId) return 'buddy';
	if (citizen.coveredBeforeBy.includes(candidateId)) return 'covered_before';
	if (citizen.joinedVisitsBy.includes(candidateId)) return 'joined_visits';
	return 'same_team';
}

/**
 * ICM rests on trust in a few known people, and the method's worked case has a colleague who had
 * already visited the citizen take over during an absence. So cover goes to someone the citizen
 * knows before anyone else in the team — but only while that colleague has room under 8 × FTE,
 * because overloading them costs their own citizens. Scarce known colleagues go first to citizens
 * in a fragile phase, then to citizens who know the fewest colleagues. Nobody is left without a
 * proposal: when the whole team is full the proposal says so, and the team leader decides.
 */
export function proposeCover(
	citizens: readonly CitizenToCover[],
	candidates: readonly CoverCandidate[]
): CoverProposal[] {
	const present = candidates
		.filter((c) => !c.absentInWindow)
		.map((c) => ({ ...c, headroom: c.capacity - c.load - c.coversInWindow }));
	const known = (citizen: CitizenToCover) =>
		present.filter((c) => tierOf(citizen, c.id) !== 'same_team').length;
	const order = citizens
		.map((citizen, index) => ({ citizen, index, known: known(citizen) }))
		.sort(
			(a, b) =>
				Number(b.citizen.priority) - Number(a.citizen.priority) ||
				a.known - b.known ||
				a.index - b.index
		);

	const proposals: CoverProposal[] = [];
	for (const { citizen, index } of order) {
		const [best] = present
			.map((candidate) => ({ candidate, tier: tierOf(citizen, candidate.id) }))
			.sort(
				(a, b) =>
					Number(b.candidate.headroom > 0) - Number(a.candidate.headroom > 0) ||
					RANK[a.tier] - RANK[b.tier] ||
					b.candidate.headroom - a.candidate.headroom ||
					a.candidate.name.localeCompare(b.candidate.name, 'da') ||
					(a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0)
			);
		proposals[index] = best
			? {
					citizenId: citizen.citizenId,
					coverUserId: best.candidate.id,
					reason: best.tier,
					overCapacity: best.candidate.headroom <= 0
				}
			: {
					citizenId: citizen.citizenId,
					coverUserId: null,
					reason: 'no_one_available',
					overCapacity: false
				};
		if (best) best.candidate.headroom -= 1;
	}
	return proposals;
}
