import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { assignments, citizens, teamSettings, users } from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { capacityOf, DEFAULT_CAPACITY_PER_FTE } from './capacity';
import { weightedLoad, weightsOf, type CitizenIntensity } from './weights';

export interface CaseManagerLoad {
	id: string;
	name: string;
	fte: number;
	citizens: number;
	capacity: number;
	/** Citizens who moved into their own home within the team's move-in period. */
	recentMoveIns: number;
	acute: number;
	/** Colleagues' citizens this person covers right now (confirmed cover). */
	covering: number;
	/** Citizens weighted by intensity, plus covers (weights.ts); compare with capacity. */
	weightedLoad: number;
}

/**
 * The team leader's overview: each case manager's active citizens against 8 × FTE. Caseload facts
 * only (counts, no citizen names), which the policy gives a team leader for their own team.
 */
export interface TeamOverview {
	caseManagers: CaseManagerLoad[];
	capacity: number;
	citizens: number;
}

export async function readTeamOverview(
	db: Database,
	actor: Actor,
	teamId: string
): Promise<TeamOverview | null> {
	const decision = authorizeTeam(actor, 'team.caseload.read', teamId);
	await recordAudit(db, {
		actor,
		action: 'team.caseload.read',
		resource: `team/${teamId}`,
		channel: 'page',
		decision,
		purpose: 'caseload overview'
	});
	if (!decision.allowed) return null;
	return computeTeamOverview(db, teamId);
}

/**
 * The overview's numbers without asking anyone: for the live push to a team's room, whose
 * members the policy admitted (and the audit recorded) when they joined it.
 */
export async function computeTeamOverview(db: Database, teamId: string): Promise<TeamOverview> {
	const [settings] = await db
		.select({
			capacityPerFte: teamSettings.capacityPerFte,
			moveInPeriodDays: teamSettings.moveInPeriodDays,
			weights: teamSettings.weights
		})
		.from(teamSettings)
		.where(eq(teamSettings.teamId, teamId));
	const perFte = settings?.capacityPerFte ?? DEFAULT_CAPACITY_PER_FTE;
	const moveInDays = settings?.moveInPeriodDays ?? 91;
	const rows = await db
		.select({
			id: users.id,
			name: users.name,
			fte: users.fte,
			citizens: sql<number>`count(${citizens.id})`.mapWith(Number),
			recentMoveIns: sql<number>`count(${citizens.id}) filter (where exists (
				select 1 from housing_history h where h.citizen_id = ${citizens.id}
					and h.situation = 'own_home' and h.to_date is null
					and h.from_date > current_date - ${moveInDays}::int))`.mapWith(Number),
			acute:
				sql<number>`count(${citizens.id}) filter (where ${citizens.acuteReason} is not null)`.mapWith(
					Number
				),
			covering: sql<number>`(select count(*) from cover_grants g
				where g.cover_user_id = ${users.id} and g.status = 'confirmed' and g.revoked_at is null
					and g.starts_at <= now() and (g.ends_at is null or g.ends_at > now()))`.mapWith(Number)
		})
		.from(users)
		.leftJoin(
			assignments,
			and(eq(assignments.caseManagerId, users.id), isNull(assignments.endedAt))
		)
		.leftJoin(citizens, and(eq(citizens.id, assignments.citizenId), eq(citizens.status, 'active')))
		.where(
			and(eq(users.organisationId, teamId), eq(users.role, 'case_manager'), eq(users.active, true))
		)
		.groupBy(users.id, users.name, users.fte)
		.orderBy(users.name);
	const intensity = await intensityOf(db, teamId, moveInDays);
	const weights = weightsOf(settings?.weights);
	const caseManagers = rows.map((r) => ({
		...r,
		capacity: capacityOf(r.fte, perFte),
		weightedLoad: weightedLoad(intensity.get(r.id) ?? [], r.covering, weights)
	}));
	return {
		caseManagers,
		capacity: Math.floor(rows.reduce((sum, r) => sum + r.fte, 0) * perFte + 1e-9),
		citizens: rows.reduce((sum, r) => sum + r.citizens, 0)
	};
}

/** Per case manager, what makes each active citizen weigh more: move-in, acute, hours this week. */
async function intensityOf(
	db: Database,
	teamId: string,
	moveInDays: number
): Promise<Map<string, CitizenIntensity[]>> {
	const rows = await db
		.select({
			caseManagerId: assignments.caseManagerId,
			inMoveInPeriod: sql<boolean>`exists (
				select 1 from housing_history h where h.citizen_id = ${citizens.id}
					and h.situation = 'own_home' and h.to_date is null
					and h.from_date > current_date - ${moveInDays}::int)`,
			acute: sql<boolean>`${citizens.acuteReason} is not null`,
			minutes: sql<number>`coalesce((select sum(c.duration_minutes) from contacts c
				where c.citizen_id = ${citizens.id}
					and c.occurred_at > now() - interval '7 days'), 0)`.mapWith(Number)
		})
		.from(assignments)
		.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
		.where(
			and(isNull(assignments.endedAt), eq(citizens.teamId, teamId), eq(citizens.status, 'active'))
		);
	const byManager = new Map<string, CitizenIntensity[]>();
	for (const row of rows) {
		const list = byManager.get(row.caseManagerId) ?? [];
		list.push({
			inMoveInPeriod: row.inMoveInPeriod,
			acute: row.acute,
			hoursLastWeek: row.minutes / 60
		});
		byManager.set(row.caseManagerId, list);
	}
	return byManager;
}
