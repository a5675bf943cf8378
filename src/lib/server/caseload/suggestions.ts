import { differenceInCalendarDays, parseISO } from 'date-fns';
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { copenhagenDate } from '../../dates';
import { recordAudit, recordAuditMany } from '../audit';
import type { Database } from '../db/client';
import {
	absences,
	assignments,
	citizens,
	coverBuddies,
	housingHistory,
	teamSettings,
	users
} from '../db/schema';
import { authorizeMany, authorizeTeam, type Actor } from '../policy';
import { capacityOf, DEFAULT_CAPACITY_PER_FTE } from './capacity';
import { CaseloadError } from './errors';
import {
	suggestRebalancing,
	type RebalanceCaseManager,
	type RebalanceCitizen,
	type RebalanceResult
} from './rebalance';

export interface TeamSuggestions extends RebalanceResult {
	caseManagers: Record<string, { name: string; capacity: number; available: boolean }>;
	/** Names of the citizens in the moves, for those the team leader may see. */
	citizenNames: Record<string, string>;
}

/**
 * Suggested moves that bring every case manager of the team within capacity, for the team leader
 * to tick and apply (applySuggestions). Only the moved citizens are named, and each naming is
 * audited like any other look at a citizen's identity.
 */
export async function suggestForTeam(
	db: Database,
	actor: Actor,
	teamId: string,
	now: Date = new Date()
): Promise<TeamSuggestions> {
	const decision = authorizeTeam(actor, 'team.caseload.manage', teamId);
	await recordAudit(db, {
		actor,
		action: 'team.caseload.suggest',
		resource: `team/${teamId}`,
		channel: 'page',
		decision,
		purpose: 'caseload rebalancing',
		at: now
	});
	if (!decision.allowed) throw new CaseloadError('forbidden');

	const [settings] = await db
		.select({ perFte: teamSettings.capacityPerFte, moveInDays: teamSettings.moveInPeriodDays })
		.from(teamSettings)
		.where(eq(teamSettings.teamId, teamId));
	const perFte = settings?.perFte ?? DEFAULT_CAPACITY_PER_FTE;
	const managers = await caseManagersOf(db, teamId, perFte, now);
	const team = await citizensOf(db, teamId, settings?.moveInDays ?? 91, now);
	const result = suggestRebalancing(managers, team, { capacityPerFte: perFte, teamId });

	const shown = result.moves.map((m) => m.citizenId);
	const names = await citizenNames(db, actor, shown, now);
	return {
		...result,
		caseManagers: Object.fromEntries(
			managers.map((m) => [m.id, { name: m.name, capacity: m.capacity, available: m.available }])
		),
		citizenNames: names
	};
}

/**
 * The team's case managers. A deactivated colleague who still holds citizens is included with no
 * capacity, so that all of their citizens are suggested to someone who is still here.
 */
async function caseManagersOf(
	db: Database,
	teamId: string,
	perFte: number,
	now: Date
): Promise<RebalanceCaseManager[]> {
	const rows = await db
		.select({
			id: users.id,
			name: users.name,
			fte: users.fte,
			active: users.active
		})
		.from(users)
		.where(
			and(
				eq(users.organisationId, teamId),
				eq(users.role, 'case_manager'),
				or(
					eq(users.active, true),
					sql`exists (select 1 from ${assignments}
						where ${assignments.caseManagerId} = ${users.id} and ${assignments.endedAt} is null)`
				)
			)
		)
		.orderBy(users.name);
	if (rows.length === 0) return [];
	const away = await db
		.selectDistinct({ id: absences.userId })
		.from(absences)
		.where(
			and(
				inArray(
					absences.userId,
					rows.map((r) => r.id)
				),
				isNull(absences.cancelledAt),
				lte(absences.startsAt, now),
				or(isNull(absences.endsAt), gt(absences.endsAt, now))
			)
		);
	const absent = new Set(away.map((a) => a.id));
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		teamId,
		capacity: r.active ? capacityOf(r.fte, perFte) : 0,
		available: r.active && !absent.has(r.id)
	}));
}

/** The team's citizens in active support, with what the rebalancer weighs for each. */
async function citizensOf(
	db: Database,
	teamId: string,
	moveInDays: number,
	now: Date
): Promise<RebalanceCitizen[]> {
	const at = sql`${now.toISOString()}::timestamptz`;
	const rows = await db
		.select({
			id: citizens.id,
			caseManagerId: assignments.caseManagerId,
			housing: housingHistory.situation,
			housingFrom: housingHistory.fromDate,
			buddyId: coverBuddies.buddyId,
			// Colleagues who have met the citizen: a cover that actually began, or a joined visit.
			met: sql<string[]>`coalesce((
				select array_agg(distinct g.cover_user_id::text) from cover_grants g
				where g.citizen_id = ${citizens.id} and g.status = 'confirmed' and g.starts_at <= ${at}
					and (g.revoked_at is null or g.revoked_at > g.starts_at)), '{}')
				|| coalesce((
				select array_agg(distinct p.user_id::text) from contact_participants p
				join contacts k on k.id = p.contact_id
				where k.citizen_id = ${citizens.id} and p.user_id is not null
					and k.occurred_at <= ${at}), '{}')`
		})
		.from(citizens)
		.innerJoin(
			assignments,
			and(eq(assignments.citizenId, citizens.id), isNull(assignments.endedAt))
		)
		.leftJoin(
			housingHistory,
			and(eq(housingHistory.citizenId, citizens.id), isNull(housingHistory.toDate))
		)
		.leftJoin(coverBuddies, eq(coverBuddies.citizenId, citizens.id))
		.where(and(eq(citizens.teamId, teamId), eq(citizens.status, 'active')));
	const today = copenhagenDate(now);
	return rows.map((r) => ({
		id: r.id,
		caseManagerId: r.caseManagerId,
		inMoveInPeriod:
			r.housing === 'own_home' &&
			!!r.housingFrom &&
			differenceInCalendarDays(parseISO(today), parseISO(r.housingFrom)) < moveInDays,
		knownBy: [...new Set([...r.met, ...(r.buddyId ? [r.buddyId] : [])])]
	}));
}

async function citizenNames(
	db: Database,
	actor: Actor,
	ids: readonly string[],
	now: Date
): Promise<Record<string, string>> {
	if (ids.length === 0) return {};
	const decisions = await authorizeMany(db, actor, 'citizen.identity.read', ids, now);
	const allowed = ids.filter((id) => decisions.get(id)?.allowed);
	if (allowed.length === 0) return {};
	const rows = await db
		.select({ id: citizens.id, firstName: citizens.firstName, lastName: citizens.lastName })
		.from(citizens)
		.where(inArray(citizens.id, allowed));
	await recordAuditMany(
		db,
		rows.map((r) => ({
			actor,
			citizenId: r.id,
			action: 'citizen.identity.read',
			resource: 'caseload-suggestions',
			channel: 'page' as const,
			decision: decisions.get(r.id),
			purpose: 'caseload rebalancing',
			at: now
		}))
	);
	return Object.fromEntries(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`]));
}
