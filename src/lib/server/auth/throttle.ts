import { addMinutes } from 'date-fns';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { loginThrottle } from '../db/schema';

/**
 * Failed logins are counted per account and per client address in the database, so the limit
 * holds across restarts and across instances. Within a window of 15 minutes an account may fail
 * 5 times and an address 20 times; then it is locked for 15 minutes.
 */
export const THROTTLE = {
	windowMinutes: 15,
	lockMinutes: 15,
	accountFailures: 5,
	addressFailures: 20
} as const;

export function throttleKeys(email: string, address: string) {
	return { account: `account:${email.trim().toLowerCase()}`, address: `ip:${address}` };
}

/** The moment the login may be tried again, or null when it is not locked. */
export async function lockedUntil(
	db: Database,
	keys: { account: string; address: string },
	now: Date = new Date()
): Promise<Date | null> {
	const rows = await db
		.select({ lockedUntil: loginThrottle.lockedUntil })
		.from(loginThrottle)
		.where(inArray(loginThrottle.key, [keys.account, keys.address]));
	const locks = rows
		.map((row) => row.lockedUntil)
		.filter((until): until is Date => until !== null && until > now);
	return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
}

export async function recordFailure(
	db: Database,
	keys: { account: string; address: string },
	now: Date = new Date()
): Promise<void> {
	// Raw SQL parameters are passed as ISO text: postgres-js cannot serialise a Date there.
	const at = sql`${now.toISOString()}::timestamptz`;
	const windowStart = sql`${addMinutes(now, -THROTTLE.windowMinutes).toISOString()}::timestamptz`;
	const lockUntil = sql`${addMinutes(now, THROTTLE.lockMinutes).toISOString()}::timestamptz`;
	for (const [key, limit] of [
		[keys.account, THROTTLE.accountFailures],
		[keys.address, THROTTLE.addressFailures]
	] as const) {
		// One atomic upsert: concurrent failures on several instances all count.
		await db
			.insert(loginThrottle)
			.values({ key, failures: 1, windowStartedAt: now })
			.onConflictDoUpdate({
				target: loginThrottle.key,
				set: {
					failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
					windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then ${at} else ${loginThrottle.windowStartedAt} end`,
					lockedUntil: sql`case when ${loginThrottle.windowStartedAt} >= ${windowStart} and ${loginThrottle.failures} + 1 >= ${limit} then ${lockUntil} else ${loginThrottle.lockedUntil} end`
				}
			});
	}
}

export async function clearAccountFailures(db: Database, keys: { account: string }): Promise<void> {
	await db.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.account]));
}
