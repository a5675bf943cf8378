import { differenceInCalendarDays } from 'date-fns';
import { sql, type SQL } from 'drizzle-orm';

export type FollowUpLevel = 'ok' | 'warn' | 'escalate';

export interface FollowUp {
	/** Whole days since the last contact that reached the citizen; null if never reached. */
	daysSinceContact: number | null;
	/** Days since the last attempt without contact, if that is more recent. */
	daysSinceAttempt: number | null;
	level: FollowUpLevel;
}

/**
 * The method's rule: keep contact even when the citizen withdraws. An attempt without contact
 * shows persistence but does not reset the clock; only a contact that reached the citizen does.
 * Never reached counts from the referral.
 */
export function followUp(
	lastReached: Date | null,
	lastAttempt: Date | null,
	since: Date,
	now: Date,
	thresholds: { warnDays: number; escalateDays: number }
): FollowUp {
	const days = differenceInCalendarDays(now, lastReached ?? since);
	const level: FollowUpLevel =
		days >= thresholds.escalateDays ? 'escalate' : days >= thresholds.warnDays ? 'warn' : 'ok';
	const attemptDays =
		lastAttempt && (!lastReached || lastAttempt > lastReached)
			? differenceInCalendarDays(now, lastAttempt)
			: null;
	return { daysSinceContact: lastReached ? days : null, daysSinceAttempt: attemptDays, level };
}

/** SQL for a citizen's last contact that reached them, for use in a select over citizens. */
export function lastReachedSql(citizenIdColumn: SQL | unknown): SQL<Date | null> {
	return sql<Date | null>`(select max(c.occurred_at) from contacts c
		where c.citizen_id = ${citizenIdColumn} and c.kind <> 'attempt')`.mapWith(
		(v: string | Date | null) => (v === null ? null : new Date(v))
	);
}

export function lastAttemptSql(citizenIdColumn: SQL | unknown): SQL<Date | null> {
	return sql<Date | null>`(select max(c.occurred_at) from contacts c
		where c.citizen_id = ${citizenIdColumn} and c.kind = 'attempt')`.mapWith(
		(v: string | Date | null) => (v === null ? null : new Date(v))
	);
}
