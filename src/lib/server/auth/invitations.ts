import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { addDays } from 'date-fns';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { invitations, users } from '../db/schema';
import { hashPassword } from './password';
import { newPasswordSchema, type PasswordProblem } from './password-rules';
import { invalidateUserSessions } from './session';

export const INVITATION_DAYS = 7;

function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * A one-time link for a user to set their own password. Only the token's hash is stored; the
 * link is shown once to the administrator, who passes it on. A new invitation voids older ones.
 */
export async function createInvitation(
	db: Database,
	userId: string,
	createdBy: string,
	now: Date = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const bytes = new Uint8Array(25);
	crypto.getRandomValues(bytes);
	const token = encodeBase32LowerCaseNoPadding(bytes);
	const expiresAt = addDays(now, INVITATION_DAYS);
	await db
		.update(invitations)
		.set({ usedAt: now })
		.where(and(eq(invitations.userId, userId), isNull(invitations.usedAt)));
	await db
		.insert(invitations)
		.values({ tokenHash: hashToken(token), userId, createdBy, createdAt: now, expiresAt });
	return { token, expiresAt };
}

export async function findInvitation(db: Database, token: string, now: Date = new Date()) {
	if (!/^[a-z2-7]{40}$/.test(token)) return null;
	const [row] = await db
		.select({ userId: users.id, name: users.name, email: users.email })
		.from(invitations)
		.innerJoin(users, eq(users.id, invitations.userId))
		.where(
			and(
				eq(invitations.tokenHash, hashToken(token)),
				isNull(invitations.usedAt),
				gt(invitations.expiresAt, now),
				eq(users.active, true)
			)
		);
	return row ?? null;
}

/** Sets the password and spends the invitation in one transaction: a link works exactly once. */
export async function acceptInvitation(
	db: Database,
	token: string,
	input: { password: string; repeat: string },
	now: Date = new Date()
): Promise<{ ok: true; userId: string } | { ok: false; problem: PasswordProblem | 'invalid' }> {
	const invitation = await findInvitation(db, token, now);
	if (!invitation) return { ok: false, problem: 'invalid' };
	const checked = newPasswordSchema(invitation.email).safeParse(input.password);
	if (!checked.success) {
		return { ok: false, problem: checked.error.issues[0]!.message as PasswordProblem };
	}
	if (input.password !== input.repeat) return { ok: false, problem: 'mismatch' };
	const passwordHash = await hashPassword(input.password);
	const spent = await db.transaction(async (tx) => {
		const used = await tx
			.update(invitations)
			.set({ usedAt: now })
			.where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.usedAt)))
			.returning({ userId: invitations.userId });
		if (used.length === 0) return false;
		await tx
			.update(users)
			.set({ passwordHash, passwordChangedAt: now })
			.where(eq(users.id, invitation.userId));
		return true;
	});
	if (!spent) return { ok: false, problem: 'invalid' };
	await invalidateUserSessions(db, invitation.userId);
	return { ok: true, userId: invitation.userId };
}
