import { tz } from '@date-fns/tz';
import { addWeeks, format, getISOWeek, startOfISOWeek, subWeeks } from 'date-fns';
import { and, eq, gte, isNull, lt } from 'drizzle-orm';
import { TIME_ZONE } from '../../dates';
import { journal } from '../../i18n/da/journal';
import { recordAudit } from '../audit';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import { assignments, citizens, contacts, users } from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { JournalError } from './contacts';

export interface CopenhagenWeek {
	/** "uge 47" */
	label: string;
	/** The Monday, YYYY-MM-DD. */
	weekStart: string;
	/** Monday 00:00 in Copenhagen, as an instant. */
	start: Date;
	/** The next Monday 00:00 in Copenhagen (exclusive). */
	end: Date;
}

export interface SupportWeek {
	week: string;
	weekStart: string;
	contactHours: number;
	attemptHours: number;
}

export interface CaseManagerSupportHours {
	caseManagerId: string;
	name: string;
	thisWeek: number;
	lastWeek: number;
}

interface TimedContact {
	occurredAt: Date;
	kind: string;
	durationMinutes: number;
}

const MAX_WEEKS = 104;

/**
 * The last `count` ISO weeks (Monday start) in Copenhagen, oldest first, ending with the week
 * `now` falls in. A week is Copenhagen wall time, so the one with the summer-time change is an
 * hour shorter or longer as an interval.
 */
export function copenhagenWeeks(now: Date, count: number): CopenhagenWeek[] {
	const current = startOfISOWeek(now, { in: tz(TIME_ZONE) });
	return Array.from({ length: count }, (_, i) => {
		const start = subWeeks(current, count - 1 - i);
		return {
			label: journal.supportHours.week(getISOWeek(start)),
			weekStart: format(start, 'yyyy-MM-dd'),
			start: new Date(start.getTime()),
			end: new Date(addWeeks(start, 1).getTime())
		};
	});
}

function minutesByWeek(weeks: CopenhagenWeek[], rows: TimedContact[]) {
	return weeks.map((week) => {
		let contact = 0;
		let attempt = 0;
		for (const row of rows) {
			if (row.occurredAt < week.start || row.occurredAt >= week.end) continue;
			if (row.kind === 'attempt') attempt += row.durationMinutes;
			else contact += row.durationMinutes;
		}
		return { contact, attempt };
	});
}

/**
 * Hours per week, zero-filled. An attempt without contact is the case manager's time as well,
 * but it is not contact with the citizen, so it is counted apart.
 */
export function sumHoursByWeek(weeks: CopenhagenWeek[], rows: TimedContact[]): SupportWeek[] {
	return minutesByWeek(weeks, rows).map(({ contact, attempt }, i) => ({
		week: weeks[i]!.label,
		weekStart: weeks[i]!.weekStart,
		contactHours: contact / 60,
		attemptHours: attempt / 60
	}));
}

/**
 * How intense the support of one citizen has been: hours per Copenhagen week for the last
 * `weeks` weeks including the current one, oldest first. A read of the journal, so it goes
 * through the policy and is audit-logged like any other.
 */
export async function supportHoursPerWeek(
	db: Database,
	actor: Actor,
	citizenId: string,
	{ weeks = 12, now = new Date() }: { weeks?: number; now?: Date } = {}
): Promise<SupportWeek[]> {
	if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) {
		throw new RangeError(`weeks must be a whole number from 1 to ${MAX_WEEKS}`);
	}
	const decision = await authorizeAndAudit(
		db,
		actor,
		'journal.read',
		{ citizenId, name: `citizen/${citizenId}/journal` },
		{ channel: 'page', purpose: 'support intensity' }
	);
	if (!decision.allowed) throw new JournalError('forbidden');
	const range = copenhagenWeeks(now, weeks);
	const rows = await db
		.select({
			occurredAt: contacts.occurredAt,
			kind: contacts.kind,
			durationMinutes: contacts.durationMinutes
		})
		.from(contacts)
		.where(
			and(
				eq(contacts.citizenId, citizenId),
				gte(contacts.occurredAt, range[0]!.start),
				lt(contacts.occurredAt, range.at(-1)!.end)
			)
		);
	return sumHoursByWeek(range, rows);
}

/**
 * For the team leader's caseload dashboard: each case manager's hours this week and last week,
 * summed over the contacts (attempts included: it is their time) with the citizens they are the
 * active primary case manager of. Totals only, no citizen data, which the team leader's own
 * team-level grant covers.
 */
export async function supportHoursByCaseManager(
	db: Database,
	actor: Actor,
	teamId: string,
	{ now = new Date() }: { now?: Date } = {}
): Promise<CaseManagerSupportHours[]> {
	const decision = authorizeTeam(actor, 'team.caseload.read', teamId);
	await recordAudit(db, {
		actor,
		action: 'team.caseload.read',
		resource: `team/${teamId}/support-hours`,
		channel: 'page',
		decision,
		purpose: 'support intensity'
	});
	if (!decision.allowed) throw new JournalError('forbidden');
	const [lastWeek, thisWeek] = copenhagenWeeks(now, 2) as [CopenhagenWeek, CopenhagenWeek];
	const caseManagers = await db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(
			and(eq(users.organisationId, teamId), eq(users.role, 'case_manager'), eq(users.active, true))
		)
		.orderBy(users.name);
	const rows = await db
		.select({
			caseManagerId: assignments.caseManagerId,
			occurredAt: contacts.occurredAt,
			kind: contacts.kind,
			durationMinutes: contacts.durationMinutes
		})
		.from(assignments)
		.innerJoin(
			citizens,
			and(
				eq(citizens.id, assignments.citizenId),
				eq(citizens.status, 'active'),
				eq(citizens.teamId, teamId)
			)
		)
		.innerJoin(contacts, eq(contacts.citizenId, citizens.id))
		.where(
			and(
				isNull(assignments.endedAt),
				gte(contacts.occurredAt, lastWeek.start),
				lt(contacts.occurredAt, thisWeek.end)
			)
		);
	return caseManagers.map(({ id, name }) => {
		const [last, current] = minutesByWeek(
			[lastWeek, thisWeek],
			rows.filter((r) => r.caseManagerId === id)
		).map(({ contact, attempt }) => (contact + attempt) / 60) as [number, number];
		return { caseManagerId: id, name, thisWeek: current, lastWeek: last };
	});
}
