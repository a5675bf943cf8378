import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import type { Actor } from '../policy/actor';
import { recordAudit } from '../audit';
import { hashPassword, verifyPassword } from './password';
import { newPasswordSchema, type PasswordProblem } from './password-rules';
import { endAllSessionsOf } from './session-list';
import { invalidateUserSessions } from './session';

/**
 * Changes the signed-in user's password. Every other session of the user ends at once, so a
 * stolen session does not survive the change; the session making the change stays signed in.
 */
export async function changePassword(
	db: Database,
	actor: Actor,
	input: { current: string; next: string; repeat: string }
): Promise<{ ok: true } | { ok: false; problem: PasswordProblem }> {
	const [user] = await db
		.select({ passwordHash: users.passwordHash, email: users.email })
		.from(users)
		.where(eq(users.id, actor.userId));
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) {
		return { ok: false, problem: 'wrong_current' };
	}
	const checked = newPasswordSchema(user.email).safeParse(input.next);
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
