import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm';
import { recordAuditMany } from '../audit';
import type { Database } from '../db/client';
import {
	absences,
	appointments,
	assignments,
	citizens,
	coverGrants,
	planDocuments,
	teamSettings,
	users
} from '../db/schema';
import { authorizeMany, type Actor } from '../policy';
import { readStoredSection } from '../plan/stored';
import { copenhagenDate, copenhagenDays, startOfCopenhagenDay } from '../../dates';
import { isSectionKey, type SectionKey } from '../../plan/sections';
import { sectionKind, type ActionStatus } from '../../plan/schema';
import { byLongestSilence, followUpColumns, followUpOf, type LostContact } from './escalations';
import { outreachAgreements } from './lost-contact';

/** How far ahead "Min dag" looks for actions with a deadline. */
export const ACTIONS_AHEAD_DAYS = 7;

export interface DayAppointment {
	id: string;
	citizenId: string;
	citizenName: string;
	startsAt: Date;
	endsAt: Date | null;
	place: (typeof appointments.$inferSelect)['place'];
	title: string;
	/** Set when a colleague booked it: the absent case manager of a citizen I cover. */
	bookedBy: string | null;
}

export interface DueAction {
	citizenId: string;
	citizenName: string;
	section: SectionKey;
	/** The name of a plan's own section; null for the method's sections. */
	sectionTitle: string | null;
	what: string;
	owner: string;
	due: string;
	status: Extract<ActionStatus, 'open' | 'in_progress'>;
	when: 'overdue' | 'today' | 'soon';
}

export interface CoverToday {
	citizenId: string;
	name: string;
	forName: string;
	endsAt: Date | null;
}

export interface MyDay {
	/** Today in Copenhagen, YYYY-MM-DD. */
	today: string;
	appointments: DayAppointment[];
	/** Past the escalation threshold, with the outreach agreement. */
	lostContact: LostContact[];
	/** Past the warning threshold, not yet escalated. */
	approaching: LostContact[];
	actions: DueAction[];
	aheadDays: number;
	covers: CoverToday[];
}

/**
 * "Min dag": what a case manager needs on the way out of the door — today's appointments, the
 * citizens slipping out of contact, plan actions with a deadline, and the colleagues' citizens
 * they cover. Only citizens the policy gives them now (primary, or cover inside its window).
 */
export async function readMyDay(
	db: Database,
	actor: Actor,
	now: Date = new Date()
): Promise<MyDay> {
	const today = copenhagenDate(now);
	const [, tomorrow] = copenhagenDays(now, 2) as [string, string];
	const horizon = copenhagenDays(now, ACTIONS_AHEAD_DAYS + 1).at(-1)!;

	const covering = db
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
	const primary = db
		.select({ id: assignments.citizenId })
		.from(assignments)
		.where(and(eq(assignments.caseManagerId, actor.userId), isNull(assignments.endedAt)));
	const rows = await db
		.select({
			id: citizens.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			status: citizens.status,
			...followUpColumns()
		})
		.from(citizens)
		.leftJoin(teamSettings, eq(teamSettings.teamId, citizens.teamId))
		.where(or(inArray(citizens.id, primary), inArray(citizens.id, covering)))
		.orderBy(citizens.lastName, citizens.firstName);

	const decisions = await authorizeMany(
		db,
		actor,
		'citizen.facts.read',
		rows.map((r) => r.id),
		now
	);
	const mine = rows.filter((r) => decisions.get(r.id)?.allowed);
	await recordAuditMany(
		db,
		mine.map((r) => ({
			actor,
			citizenId: r.id,
			action: 'citizen.facts.read',
			resource: 'my-day',
			channel: 'page' as const,
			decision: decisions.get(r.id),
			purpose: 'my day',
			at: now
		}))
	);
	const ids = mine.map((r) => r.id);
	const nameOf = new Map(mine.map((r) => [r.id, `${r.firstName} ${r.lastName}`]));

	const followUps = mine
		.filter((r) => r.status === 'active')
		.map((r): LostContact => ({
			id: r.id,
			name: nameOf.get(r.id)!,
			followUp: followUpOf(r, now),
			outreach: null
		}))
		.sort(byLongestSilence);
	const lostContact = followUps.filter((c) => c.followUp.level === 'escalate');
	const agreements = await outreachAgreements(
		db,
		actor,
		lostContact.map((c) => c.id)
	);
	for (const citizen of lostContact) citizen.outreach = agreements.get(citizen.id) ?? null;

	const covers = await coversNow(db, actor, now, nameOf);
	return {
		today,
		appointments: await todaysAppointments(db, actor, ids, nameOf, {
			from: startOfCopenhagenDay(today),
			to: startOfCopenhagenDay(tomorrow),
			covered: covers.map((c) => c.citizenId)
		}),
		lostContact,
		approaching: followUps.filter((c) => c.followUp.level === 'warn'),
		actions: await dueActions(db, actor, ids, nameOf, { now, today, horizon }),
		aheadDays: ACTIONS_AHEAD_DAYS,
		covers
	};
}

/**
 * Mine, and those the absent colleague had booked with a citizen I cover: during cover, their
 * visits are mine to make. Shown only for citizens the policy gives me now.
 */
async function todaysAppointments(
	db: Database,
	actor: Actor,
	ids: string[],
	nameOf: Map<string, string>,
	window: { from: Date; to: Date; covered: string[] }
): Promise<DayAppointment[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.select({
			id: appointments.id,
			citizenId: appointments.citizenId,
			startsAt: appointments.startsAt,
			endsAt: appointments.endsAt,
			place: appointments.place,
			title: appointments.title,
			userId: appointments.userId,
			bookedBy: users.name
		})
		.from(appointments)
		.innerJoin(users, eq(users.id, appointments.userId))
		.where(
			and(
				inArray(appointments.citizenId, ids),
				window.covered.length > 0
					? or(
							eq(appointments.userId, actor.userId),
							inArray(appointments.citizenId, window.covered)
						)
					: eq(appointments.userId, actor.userId),
				isNull(appointments.cancelledAt),
				gte(appointments.startsAt, window.from),
				lt(appointments.startsAt, window.to)
			)
		)
		.orderBy(asc(appointments.startsAt));
	return rows.map((r) => ({
		id: r.id,
		citizenId: r.citizenId,
		citizenName: nameOf.get(r.citizenId)!,
		startsAt: r.startsAt,
		endsAt: r.endsAt,
		place: r.place,
		title: r.title,
		bookedBy: r.userId === actor.userId ? null : r.bookedBy
	}));
}

/**
 * Open actions with a deadline up to a week ahead, overdue first, from the plan sections that
 * hold goals (the eight life dimensions and the plan's own). The plan is asked of the policy
 * and the reading recorded before any section is opened.
 */
async function dueActions(
	db: Database,
	actor: Actor,
	ids: string[],
	nameOf: Map<string, string>,
	days: { now: Date; today: string; horizon: string }
): Promise<DueAction[]> {
	const decisions = await authorizeMany(db, actor, 'plan.read', ids, days.now);
	await recordAuditMany(
		db,
		ids.map((citizenId) => ({
			actor,
			citizenId,
			action: 'plan.read',
			resource: `plan/${citizenId}/actions`,
			channel: 'page' as const,
			decision: decisions.get(citizenId),
			purpose: 'my day',
			at: days.now
		}))
	);
	const readable = ids.filter((id) => decisions.get(id)?.allowed);
	if (readable.length === 0) return [];
	// Only sections that exist: most citizens' plans use a few of the dimensions.
	const documents = await db
		.select({
			citizenId: planDocuments.citizenId,
			section: planDocuments.section,
			title: planDocuments.title
		})
		.from(planDocuments)
		.where(
			and(
				inArray(planDocuments.citizenId, readable),
				ne(planDocuments.section, 'outreach'),
				ne(planDocuments.section, 'own_words')
			)
		);
	const due: DueAction[] = [];
	for (const { citizenId, section, title } of documents) {
		if (!isSectionKey(section) || sectionKind(section) !== 'dimension') continue;
		const data = await readStoredSection(db, citizenId, section);
		if (data.kind !== 'dimension') continue;
		for (const action of data.goals.flatMap((goal) => goal.actions)) {
			if (action.status !== 'open' && action.status !== 'in_progress') continue;
			if (!action.due || action.due > days.horizon) continue;
			due.push({
				citizenId,
				citizenName: nameOf.get(citizenId)!,
				section,
				sectionTitle: title,
				what: action.what,
				owner: action.ownerLabel,
				due: action.due,
				status: action.status,
				when: action.due < days.today ? 'overdue' : action.due === days.today ? 'today' : 'soon'
			});
		}
	}
	return due.sort(
		(a, b) => a.due.localeCompare(b.due) || a.citizenName.localeCompare(b.citizenName, 'da')
	);
}

/** The colleagues' citizens I cover right now; the policy was asked for them with the rest. */
async function coversNow(
	db: Database,
	actor: Actor,
	now: Date,
	nameOf: Map<string, string>
): Promise<CoverToday[]> {
	const rows = await db
		.select({
			citizenId: coverGrants.citizenId,
			forName: users.name,
			endsAt: coverGrants.endsAt
		})
		.from(coverGrants)
		.innerJoin(absences, eq(absences.id, coverGrants.absenceId))
		.innerJoin(users, eq(users.id, absences.userId))
		.where(
			and(
				eq(coverGrants.coverUserId, actor.userId),
				eq(coverGrants.status, 'confirmed'),
				isNull(coverGrants.revokedAt),
				lte(coverGrants.startsAt, now),
				or(isNull(coverGrants.endsAt), gt(coverGrants.endsAt, now))
			)
		)
		.orderBy(asc(coverGrants.endsAt));
	const covers = new Map<string, CoverToday>();
	for (const r of rows) {
		if (!nameOf.has(r.citizenId) || covers.has(r.citizenId)) continue;
		covers.set(r.citizenId, {
			citizenId: r.citizenId,
			name: nameOf.get(r.citizenId)!,
			forName: r.forName,
			endsAt: r.endsAt
		});
	}
	return [...covers.values()];
}
