import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
	absences,
	assignments,
	citizens,
	coverBuddies,
	coverGrants,
	teamSettings,
	users
} from '../db/schema';
import { capacityOf } from '../caseload/capacity';
import { proposeCover, type CitizenToCover, type CoverCandidate } from './propose';
import { overlapping, type TimeWindow } from './window';

export interface ProposalRequest {
	absenceId: string;
	/** The absent case manager: never their own cover. */
	absentUserId: string;
	teamId: string;
	window: TimeWindow;
	citizenIds: readonly string[];
	proposedBy: string;
	/** Citizen → the grant a re-proposal replaces. */
	replaces?: ReadonlyMap<string, string>;
}

/** The team's case managers as cover candidates for one window: room, covers and absences. */
async function candidatesFor(db: Database, request: ProposalRequest): Promise<CoverCandidate[]> {
	const [settings] = await db
		.select({ perFte: teamSettings.capacityPerFte })
		.from(teamSettings)
		.where(eq(teamSettings.teamId, request.teamId));
	const colleagues = await db
		.select({ id: users.id, name: users.name, fte: users.fte })
		.from(users)
		.where(
			and(
				eq(users.organisationId, request.teamId),
				eq(users.role, 'case_manager'),
				eq(users.active, true),
				ne(users.id, request.absentUserId)
			)
		);
	if (colleagues.length === 0) return [];
	const ids = colleagues.map((c) => c.id);
	const loads = await db
		.select({ id: assignments.caseManagerId, n: sql<number>`count(*)`.mapWith(Number) })
		.from(assignments)
		.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
		.where(
			and(
				inArray(assignments.caseManagerId, ids),
				isNull(assignments.endedAt),
				eq(citizens.status, 'active')
			)
		)
		.groupBy(assignments.caseManagerId);
	const covers = await db
		.select({ id: coverGrants.coverUserId, n: sql<number>`count(*)`.mapWith(Number) })
		.from(coverGrants)
		.where(
			and(
				inArray(coverGrants.coverUserId, ids),
				isNull(coverGrants.revokedAt),
				inArray(coverGrants.status, ['proposed', 'confirmed']),
				overlapping(coverGrants.startsAt, coverGrants.endsAt, request.window)
			)
		)
		.groupBy(coverGrants.coverUserId);
	const away = await db
		.selectDistinct({ id: absences.userId })
		.from(absences)
		.where(
			and(
				inArray(absences.userId, ids),
				isNull(absences.cancelledAt),
				overlapping(absences.startsAt, absences.endsAt, request.window)
			)
		);
	const count = (rows: { id: string; n: number }[], id: string) =>
		rows.find((r) => r.id === id)?.n ?? 0;
	const absent = new Set(away.map((a) => a.id));
	return colleagues.map((c) => ({
		id: c.id,
		name: c.name,
		capacity: capacityOf(c.fte, settings?.perFte ?? undefined),
		load: count(loads, c.id),
		coversInWindow: count(covers, c.id),
		absentInWindow: absent.has(c.id)
	}));
}

/** What the team already knows about each citizen: buddy, earlier covers, joined visits. */
async function relationsOf(
	db: Database,
	teamId: string,
	citizenIds: readonly string[]
): Promise<CitizenToCover[]> {
	const [settings] = await db
		.select({ moveInDays: teamSettings.moveInPeriodDays })
		.from(teamSettings)
		.where(eq(teamSettings.teamId, teamId));
	const moveInDays = settings?.moveInDays ?? 91;
	const rows = await db
		.select({
			id: citizens.id,
			buddyId: coverBuddies.buddyId,
			coveredBefore: sql<string[]>`coalesce((select array_agg(distinct g.cover_user_id::text)
				from cover_grants g where g.citizen_id = citizens.id and g.status = 'confirmed'), '{}')`,
			joinedVisits: sql<string[]>`coalesce((select array_agg(distinct p.user_id::text)
				from contact_participants p join contacts c on c.id = p.contact_id
				where c.citizen_id = citizens.id and p.user_id is not null), '{}')`,
			priority: sql<boolean>`(citizens.acute_reason is not null or exists (
				select 1 from housing_history h where h.citizen_id = citizens.id
					and h.situation = 'own_home' and h.to_date is null
					and h.from_date > current_date - ${moveInDays}::int))`
		})
		.from(citizens)
		.leftJoin(coverBuddies, eq(coverBuddies.citizenId, citizens.id))
		.where(inArray(citizens.id, [...citizenIds]));
	const byId = new Map(rows.map((r) => [r.id, r]));
	return citizenIds.flatMap((id) => {
		const r = byId.get(id);
		return r
			? [
					{
						citizenId: id,
						buddyId: r.buddyId,
						coveredBeforeBy: r.coveredBefore,
						joinedVisitsBy: r.joinedVisits,
						priority: r.priority
					}
				]
			: [];
	});
}

/**
 * Proposes a cover colleague for each citizen and stores the proposals for the team leader to
 * confirm. A citizen for whom nobody can be found gets no row, and so shows as uncovered.
 * Returns the citizens who received a proposal.
 */
export async function storeProposals(db: Database, request: ProposalRequest): Promise<string[]> {
	if (request.citizenIds.length === 0) return [];
	const candidates = await candidatesFor(db, request);
	const toCover = await relationsOf(db, request.teamId, request.citizenIds);
	const proposals = proposeCover(toCover, candidates).filter((p) => p.coverUserId !== null);
	if (proposals.length === 0) return [];
	await db.insert(coverGrants).values(
		proposals.map((p) => ({
			absenceId: request.absenceId,
			citizenId: p.citizenId,
			coverUserId: p.coverUserId!,
			status: 'proposed' as const,
			startsAt: request.window.startsAt,
			endsAt: request.window.endsAt,
			proposedBy: request.proposedBy,
			proposalReason: p.overCapacity ? `${p.reason};over_capacity` : p.reason,
			replacesGrantId: request.replaces?.get(p.citizenId) ?? null
		}))
	);
	return proposals.map((p) => p.citizenId);
}

/** The absent case manager's citizens in active support: the ones who need cover. */
export async function citizensNeedingCover(db: Database, userId: string): Promise<string[]> {
	const rows = await db
		.select({ id: assignments.citizenId })
		.from(assignments)
		.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
		.where(
			and(
				eq(assignments.caseManagerId, userId),
				isNull(assignments.endedAt),
				eq(citizens.status, 'active')
			)
		);
	return rows.map((r) => r.id);
}
