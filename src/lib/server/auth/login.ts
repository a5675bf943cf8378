import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { burnPasswordCheck, verifyPassword } from './password';
import { clearAccountFailures, lockedUntil, recordFailure, throttleKeys } from './throttle';

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; until: Date };

/**
 * Checks e-mail and password. The answer never tells whether the e-mail exists: an unknown
 * e-mail costs the same password check and gives the same 'invalid'.
 */
export async function checkCredentials(
	db: Database,
	input: { email: string; password: string; address: string },
	now: Date = new Date()
): Promise<LoginResult> {
	const keys = throttleKeys(input.email, input.address);
	const until = await lockedUntil(db, keys, now);
	if (until) return { ok: false, reason: 'locked', until };

	const [user] = await db
		.select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
		.from(users)
		.where(eq(sql`lower(${users.email})`, input.email.trim().toLowerCase()))
		.limit(1);

	const valid =
		user?.passwordHash && user.active
			? await verifyPassword(user.passwordHash, input.password)
			: (await burnPasswordCheck(input.password), false);

	if (!valid || !user) {
		await recordFailure(db, keys, now);
		const lockedNow = await lockedUntil(db, keys, now);
		return lockedNow
			? { ok: false, reason: 'locked', until: lockedNow }
			: { ok: false, reason: 'invalid' };
	}
	await clearAccountFailures(db, keys);
	return { ok: true, userId: user.id };
}
