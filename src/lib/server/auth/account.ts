import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import type { Actor } from '../policy/actor';
import { recordAudit } from '../audit';
import { hashPassword, verifyPassword } from './password';
import { newPasswordSchema, type PasswordProblem } from './password-rules';
import { endAllSessionsOf } from './session-list';
import { lockedUntil, recordFailure, throttleKeys } from './throttle';
import { invalidateUserSessions } from './session';

/**
 * The signed-in user's current password, asked again before they change how they sign in (ASVS
 * 7.5.1). A wrong one counts against the sign-in limits, so these forms are no way around them.
 */
export async function confirmCurrentPassword(
	db: Database,
	actor: Actor,
	password: string | null,
	address: string
): Promise<'confirmed' | 'wrong' | 'locked'> {
	const keys = throttleKeys(actor.email, address);
	if (await lockedUntil(db, keys)) return 'locked';
	const [user] = await db
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, actor.userId));
	if (
		user?.passwordHash &&
		password !== null &&
		(await verifyPassword(user.passwordHash, password))
	) {
		return 'confirmed';
	}
	await recordFailure(db, keys);
	return 'wrong';
}

/**
 * Changes the signed-in user's password. Every other session of the user ends at once, so a
 * stolen session does not survive the change; the session making the change stays signed in.
 */
export async function changePassword(
	db: Database,
	actor: Actor,
	input: { current: string; next: string; repeat: string; address: string }
): Promise<{ ok: true } | { ok: false; problem: PasswordProblem }> {
	const confirmed = await confirmCurrentPassword(db, actor, input.current, input.address);
	if (confirmed === 'locked') return { ok: false, problem: 'locked' };
	if (confirmed === 'wrong') return { ok: false, problem: 'wrong_current' };
	const checked = newPasswordSchema(actor.email).safeParse(input.next);
	if (!checked.success) {
		return { ok: false, problem: checked.error.issues[0]!.message as PasswordProblem };
	}
	if (input.next !== input.repeat) return { ok: false, problem: 'mismatch' };
	await db
		.update(users)
		.set({ passwordHash: await hashPassword(input.next), passwordChangedAt: new Date() })
		.where(eq(users.id, actor.userId));
	await invalidateUserSessions(db, actor.userId, actor.sessionId);
	await recordAudit(db, {
		actor,
		action: 'account.password.change',
		resource: `user/${actor.userId}`,
		channel: 'action'
	});
	return { ok: true };
}

/** "Log ud på alle enheder": every session of the user, this one included. */
export async function logOutEverywhere(db: Database, actor: Actor): Promise<void> {
	const ended = await endAllSessionsOf(db, actor.userId);
	await recordAudit(db, {
		actor,
		action: 'account.sessions.revoke_all',
		resource: `user/${actor.userId}`,
		channel: 'action',
		details: { sessions: ended }
	});
}
