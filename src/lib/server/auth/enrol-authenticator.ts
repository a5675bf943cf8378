import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import type { Actor } from '../policy/actor';
import { confirmCurrentPassword } from './account';
import { checkTotp, enableTotp } from './two-factor';

export type EnrolProblem = 'wrong_code' | 'wrong_password' | 'already_enabled' | 'locked';

/**
 * Puts an authenticator on the account and returns the new recovery codes. Right after sign-in,
 * when the role requires it, the password has just been given. From the account page it is asked
 * again (ASVS 7.5.1): a stolen session alone must not put the thief's authenticator on the
 * account, and an account that has one keeps it (nothing here replaces it).
 */
export async function enrolAuthenticator(
	db: Database,
	actor: Actor,
	input: { key: Uint8Array; code: string; password: string | null; address: string },
	justSignedIn: boolean
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; problem: EnrolProblem }> {
	const [user] = await db
		.select({ totpEnabledAt: users.totpEnabledAt })
		.from(users)
		.where(eq(users.id, actor.userId));
	if (!user) return { ok: false, problem: 'wrong_password' };
	if (user.totpEnabledAt) return { ok: false, problem: 'already_enabled' };
	if (!justSignedIn) {
		const confirmed = await confirmCurrentPassword(db, actor, input.password, input.address);
		if (confirmed === 'locked') return { ok: false, problem: 'locked' };
		if (confirmed === 'wrong') {
			await recordAudit(db, {
				actor,
				action: 'account.second_factor.enable',
				resource: `user/${actor.userId}`,
				channel: 'action',
				decision: { allowed: false, reason: 'wrong current password', grant: null }
			});
			return { ok: false, problem: 'wrong_password' };
		}
	}
	if (input.key.length !== 20 || !checkTotp(input.key, input.code)) {
		return { ok: false, problem: 'wrong_code' };
	}
	const recoveryCodes = await enableTotp(db, actor.userId, actor.sessionId, input.key);
	await recordAudit(db, {
		actor,
		action: 'account.second_factor.enable',
		resource: `user/${actor.userId}`,
		channel: 'action'
	});
	return { ok: true, recoveryCodes };
}
