import { differenceInCalendarDays, parseISO } from 'date-fns';
import { authorizeAndAuditMany } from '../audit/authorize';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { assignments, citizens, housingHistory, teamSettings, users } from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { capacityOf } from './capacity';
import { CaseloadError } from './errors';

/**
 * Behind one bar of the dashboard: a case manager's citizens, as far as the policy lets the
 * team leader see them (identity and caseload facts, never the plan), and the colleagues they
 * could be moved to with each colleague's room left.
 */
export async function readCaseManagerCitizens(
	db: Database,
	actor: Actor,
	caseManagerId: string,
	now: Date = new Date()
) {
	const [caseManager] = await db
		.select({ id: users.id, name: users.name, fte: users.fte, teamId: users.organisationId })
		.from(users)
		.where(and(eq(users.id, caseManagerId), eq(users.role, 'case_manager')));
	if (!caseManager?.teamId) throw new CaseloadError('not_found');
	const decision = authorizeTeam(actor, 'team.caseload.read', caseManager.teamId);
	await recordAudit(db, {
		actor,
		action: 'team.caseload.read',
		resource: `team/${caseManager.teamId}/case-manager/${caseManagerId}`,
		channel: 'page',
		decision,
		purpose: 'caseload drill-down',
		at: now
	});
	if (!decision.allowed) throw new CaseloadError('forbidden');
	const [settings] = await db
		.select({ perFte: teamSettings.capacityPerFte, moveInDays: teamSettings.moveInPeriodDays })
		.from(teamSettings)
		.where(eq(teamSettings.teamId, caseManager.teamId));

	const rows = await db
		.select({
			id: citizens.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			status: citizens.status,
			acuteReason: citizens.acuteReason,
			housing: housingHistory.situation,
			housingFrom: housingHistory.fromDate
		})
		.from(assignments)
		.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
		.leftJoin(
			housingHistory,
			and(eq(housingHistory.citizenId, citizens.id), isNull(housingHistory.toDate))
		)
		.where(
			and(
				eq(assignments.caseManagerId, caseManagerId),
				isNull(assignments.endedAt),
				eq(citizens.status, 'active')
			)
		)
		.orderBy(citizens.lastName, citizens.firstName);
	const { decisions: identity } = await authorizeAndAuditMany(
		db,
		actor,
		'citizen.identity.read',
		rows.map((r) => r.id),
		{
			resource: `case-manager/${caseManagerId}/citizens`,
			channel: 'page',
			purpose: 'caseload drill-down',
			at: now
		}
	);
	const moveInDays = settings?.moveInDays ?? 91;
	const citizenList = rows
		.filter((r) => identity.get(r.id)?.allowed)
		.map((r) => {
			const daysSinceMoveIn =
				r.housing === 'own_home' && r.housingFrom
					? differenceInCalendarDays(now, parseISO(r.housingFrom))
					: null;
			return {
				id: r.id,
				name: `${r.firstName} ${r.lastName}`,
				housing: r.housing,
				daysSinceMoveIn,
				inMoveInPeriod: daysSinceMoveIn !== null && daysSinceMoveIn < moveInDays,
				acuteReason: r.acuteReason
			};
		});

	const colleagues = await db
		.select({ id: users.id, name: users.name, fte: users.fte })
		.from(users)
		.where(
			and(
				eq(users.organisationId, caseManager.teamId),
				eq(users.role, 'case_manager'),
				eq(users.active, true),
				ne(users.id, caseManagerId)
			)
		)
		.orderBy(users.name);
	const loads =
		colleagues.length === 0
			? []
			: await db
					.select({ id: assignments.caseManagerId, n: sql<number>`count(*)`.mapWith(Number) })
					.from(assignments)
					.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
					.where(
						and(
							inArray(
								assignments.caseManagerId,
								colleagues.map((c) => c.id)
							),
							isNull(assignments.endedAt),
							eq(citizens.status, 'active')
						)
					)
					.groupBy(assignments.caseManagerId);
	const loadOf = (id: string) => loads.find((l) => l.id === id)?.n ?? 0;
	return {
		caseManager: {
			id: caseManager.id,
			name: caseManager.name,
			teamId: caseManager.teamId,
			capacity: capacityOf(caseManager.fte, settings?.perFte ?? undefined),
			load: citizenList.length
		},
		citizens: citizenList,
		colleagues: colleagues.map((c) => ({
			id: c.id,
			name: c.name,
			load: loadOf(c.id),
			capacity: capacityOf(c.fte, settings?.perFte ?? undefined)
		}))
	};
}
