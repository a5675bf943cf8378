import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { authorizeAndAuditMany } from '../audit/authorize';
import type { Database } from '../db/client';
import { absences, appointments, citizens, coverGrants, users } from '../db/schema';
import type { Actor } from '../policy';
import { readStoredSection } from '../plan/stored';
import { outreachAgreements, type OutreachAgreement } from '../journal/lost-contact';
import { LIFE_DIMENSIONS } from '../../plan/sections';
import { planChangesIn, type SectionChange } from './plan-activity';

export interface CoveredCitizen {
	citizenId: string;
	name: string;
	forName: string;
	startsAt: Date;
	endsAt: Date | null;
	outreach: OutreachAgreement | null;
	openActions: { what: string; owner: string; due: string | null }[];
	nextAppointments: { startsAt: Date; title: string }[];
	recentChanges: SectionChange[];
}

export interface UpcomingCover {
	forName: string;
	startsAt: Date;
	endsAt: Date | null;
	citizens: number;
}

/**
 * "Jeg dækker for …": what a covering colleague needs on arrival — the outreach agreement, open
 * actions, the next appointments and what changed lately. Coming covers are announced by
 * colleague and count only: before the window opens, the policy gives no access to the citizens.
 */
export async function readMyCovers(
	db: Database,
	actor: Actor,
	now: Date = new Date()
): Promise<{ current: CoveredCitizen[]; upcoming: UpcomingCover[] }> {
	if (actor.role !== 'case_manager') return { current: [], upcoming: [] };
	const grants = await db
		.select({
			citizenId: coverGrants.citizenId,
			startsAt: coverGrants.startsAt,
			endsAt: coverGrants.endsAt,
			forName: users.name,
			absenceId: absences.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName
		})
		.from(coverGrants)
		.innerJoin(absences, eq(absences.id, coverGrants.absenceId))
		.innerJoin(users, eq(users.id, absences.userId))
		.innerJoin(citizens, eq(citizens.id, coverGrants.citizenId))
		.where(
			and(
				eq(coverGrants.coverUserId, actor.userId),
				eq(coverGrants.status, 'confirmed'),
				isNull(coverGrants.revokedAt),
				or(isNull(coverGrants.endsAt), gt(coverGrants.endsAt, now))
			)
		)
		.orderBy(asc(coverGrants.startsAt), citizens.lastName);

	const upcomingByAbsence = new Map<string, UpcomingCover>();
	for (const g of grants.filter((g) => g.startsAt > now)) {
		const entry = upcomingByAbsence.get(g.absenceId) ?? {
			forName: g.forName,
			startsAt: g.startsAt,
			endsAt: g.endsAt,
			citizens: 0
		};
		entry.citizens += 1;
		upcomingByAbsence.set(g.absenceId, entry);
	}

	const started = grants.filter((g) => g.startsAt <= now);
	const { decisions } = await authorizeAndAuditMany(
		db,
		actor,
		'citizen.facts.read',
		started.map((g) => g.citizenId),
		{ resource: 'my-covers', channel: 'page', purpose: 'cover', at: now, record: 'allowed' }
	);
	const allowed = started.filter((g) => decisions.get(g.citizenId)?.allowed);
	const ids = allowed.map((g) => g.citizenId);
	const { decisions: planDecisions } = await authorizeAndAuditMany(db, actor, 'plan.read', ids, {
		resource: (citizenId) => `plan/${citizenId}/actions`,
		channel: 'page',
		purpose: 'cover',
		at: now
	});
	const agreements = await outreachAgreements(db, actor, ids);
	const coming =
		ids.length === 0
			? []
			: await db
					.select({
						citizenId: appointments.citizenId,
						startsAt: appointments.startsAt,
						title: appointments.title
					})
					.from(appointments)
					.where(
						and(
							inArray(appointments.citizenId, ids),
							isNull(appointments.cancelledAt),
							gt(appointments.startsAt, now),
							lte(
								appointments.startsAt,
								sql`${now.toISOString()}::timestamptz + interval '14 days'`
							)
						)
					)
					.orderBy(asc(appointments.startsAt));

	const current: CoveredCitizen[] = [];
	for (const g of allowed) {
		const openActions: CoveredCitizen['openActions'] = [];
		const mayReadPlan = planDecisions.get(g.citizenId)?.allowed === true;
		for (const section of mayReadPlan ? LIFE_DIMENSIONS : []) {
			const data = await readStoredSection(db, g.citizenId, section);
			if (data.kind !== 'dimension') continue;
			for (const action of data.goals.flatMap((goal) => goal.actions)) {
				if (action.status === 'open' || action.status === 'in_progress') {
					openActions.push({ what: action.what, owner: action.ownerLabel, due: action.due });
				}
			}
		}
		current.push({
			citizenId: g.citizenId,
			name: `${g.firstName} ${g.lastName}`,
			forName: g.forName,
			startsAt: g.startsAt,
			endsAt: g.endsAt,
			outreach: agreements.get(g.citizenId) ?? null,
			openActions,
			nextAppointments: coming.filter((a) => a.citizenId === g.citizenId).slice(0, 3),
			recentChanges: !mayReadPlan
				? []
				: await planChangesIn(
						db,
						g.citizenId,
						{ startsAt: new Date(now.getTime() - 14 * 86_400_000), endsAt: now },
						5
					)
		});
	}
	return { current, upcoming: [...upcomingByAbsence.values()] };
}
