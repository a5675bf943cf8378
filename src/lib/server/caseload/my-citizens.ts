import { differenceInCalendarDays, parseISO } from 'date-fns';
import { authorizeAndAuditMany } from '../audit/authorize';
import { and, eq, inArray, isNull, lte, or, gt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
	assignments,
	citizens,
	coverGrants,
	housingHistory,
	teamSettings,
	users
} from '../db/schema';
import type { Actor } from '../policy';
import { followUp, lastAttemptSql, lastReachedSql, type FollowUp } from '../journal/follow-up';
import { outreachAgreements, type OutreachAgreement } from '../journal/lost-contact';
import { capacityOf } from './capacity';

export interface MyCitizen {
	id: string;
	name: string;
	status: (typeof citizens.$inferSelect)['status'];
	housing: (typeof housingHistory.$inferSelect)['situation'] | null;
	daysSinceMoveIn: number | null;
	via: 'primary' | 'cover';
	followUp: FollowUp;
	/** Shown with a lost-contact alert: what was agreed with the citizen for exactly this. */
	outreach?: OutreachAgreement;
}

export interface MyCaseload {
	citizens: MyCitizen[];
	primaryCount: number;
	capacity: number;
}

/** "Mine borgere": the citizens I am case manager for, and those I cover right now. */
export async function listMyCitizens(
	db: Database,
	actor: Actor,
	now: Date = new Date()
): Promise<MyCaseload> {
	const primaryIds = db
		.select({ id: assignments.citizenId })
		.from(assignments)
		.where(and(eq(assignments.caseManagerId, actor.userId), isNull(assignments.endedAt)));
	const coverIds = db
		.select({ id: coverGrants.citizenId })
		.from(coverGrants)
		.where(
			and(
				eq(coverGrants.coverUserId, actor.userId),
				eq(coverGrants.status, 'confirmed'),
				isNull(coverGrants.revokedAt),
				lte(coverGrants.startsAt, now),
				or(isNull(coverGrants.endsAt), gt(coverGrants.endsAt, now))
			)
		);
	const rows = await db
		.select({
			id: citizens.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			status: citizens.status,
			housing: housingHistory.situation,
			housingFrom: housingHistory.fromDate,
			referredAt: citizens.referredAt,
			lastReached: lastReachedSql(citizens.id),
			lastAttempt: lastAttemptSql(citizens.id),
			primaryId: sql<
				string | null
			>`(select a.case_manager_id from assignments a where a.citizen_id = citizens.id and a.ended_at is null)`
		})
		.from(citizens)
		.leftJoin(
			housingHistory,
			and(eq(housingHistory.citizenId, citizens.id), isNull(housingHistory.toDate))
		)
		.where(or(inArray(citizens.id, primaryIds), inArray(citizens.id, coverIds)))
		.orderBy(citizens.lastName, citizens.firstName);

	const { decisions } = await authorizeAndAuditMany(
		db,
		actor,
		'citizen.facts.read',
		rows.map((r) => r.id),
		{
			resource: 'my-citizens',
			channel: 'page',
			purpose: 'caseload overview',
			at: now,
			record: 'allowed'
		}
	);
	const allowed = rows.filter((r) => decisions.get(r.id)?.allowed);

	const [me] = await db
		.select({
			fte: users.fte,
			capacityPerFte: teamSettings.capacityPerFte,
			warnDays: teamSettings.contactWarnDays,
			escalateDays: teamSettings.contactEscalateDays
		})
		.from(users)
		.leftJoin(teamSettings, eq(teamSettings.teamId, users.organisationId))
		.where(eq(users.id, actor.userId));

	const result: MyCitizen[] = allowed.map((r) => ({
		id: r.id,
		name: `${r.firstName} ${r.lastName}`,
		status: r.status,
		housing: r.housing,
		daysSinceMoveIn:
			r.housing === 'own_home' && r.housingFrom
				? differenceInCalendarDays(now, parseISO(r.housingFrom))
				: null,
		via: r.primaryId === actor.userId ? ('primary' as const) : ('cover' as const),
		followUp: followUp(r.lastReached, r.lastAttempt, r.referredAt, now, {
			warnDays: me?.warnDays ?? 7,
			escalateDays: me?.escalateDays ?? 14
		})
	}));
	const lost = result.filter((c) => c.followUp.level === 'escalate').map((c) => c.id);
	const agreements = await outreachAgreements(db, actor, lost);
	for (const citizen of result) {
		const agreement = agreements.get(citizen.id);
		if (agreement) citizen.outreach = agreement;
	}
	return {
		citizens: result,
		primaryCount: result.filter((c) => c.via === 'primary' && c.status === 'active').length,
		capacity: capacityOf(me?.fte ?? 1, me?.capacityPerFte ?? undefined)
	};
}
