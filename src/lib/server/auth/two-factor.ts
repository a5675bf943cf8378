import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { municipalities, recoveryCodes, sessions, users } from '../db/schema';
import type { Role } from '../policy/actor';

/** RFC 6238 defaults that every authenticator app understands. */
const PERIOD = 30;
const DIGITS = 6;
const GRACE_SECONDS = 30;
const RECOVERY_CODES = 8;

export type TwoFactorState = 'ok' | 'verify' | 'setup';

/**
 * Where a signed-in user stands with the second factor: fully signed in, asked for the code of an
 * enrolled authenticator, or required by their role to enrol one first.
 */
export function twoFactorState(
	user: { role: Role; totpEnabledAt: Date | null },
	session: { twoFactorVerified: boolean },
	requiredRoles: readonly string[]
): TwoFactorState {
	if (user.totpEnabledAt) return session.twoFactorVerified ? 'ok' : 'verify';
	return requiredRoles.includes(user.role) ? 'setup' : 'ok';
}

export function newTotpKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

export function describeTotpKey(key: Uint8Array, accountName: string) {
	return {
		uri: createTOTPKeyURI('Samplan', accountName, key, PERIOD, DIGITS),
		// Grouped in fours, as authenticator apps show and accept it for manual entry.
		secret: encodeBase32UpperCaseNoPadding(key)
			.replace(/(.{4})/g, '$1 ')
			.trim()
	};
}

export function checkTotp(key: Uint8Array, code: string): boolean {
	const digits = code.replace(/\s/g, '');
	return (
		/^\d{6}$/.test(digits) && verifyTOTPWithGracePeriod(key, PERIOD, DIGITS, digits, GRACE_SECONDS)
	);
}

function hashCode(code: string): string {
	return encodeHexLowerCase(
		sha256(new TextEncoder().encode(code.replace(/[\s-]/g, '').toLowerCase()))
	);
}

/**
 * Enrols the authenticator and returns fresh recovery codes, shown once; only their hashes are
 * kept. The session that enrolled counts as verified.
 */
export async function enableTotp(
	db: Database,
	userId: string,
	sessionId: string,
	key: Uint8Array
): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODES }, () => {
		const bytes = new Uint8Array(5);
		crypto.getRandomValues(bytes);
		const text = encodeBase32UpperCaseNoPadding(bytes).toLowerCase();
		return `${text.slice(0, 4)}-${text.slice(4)}`;
	});
	await db.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ totpKey: key, totpEnabledAt: new Date() })
			.where(eq(users.id, userId));
		await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
		await tx.insert(recoveryCodes).values(codes.map((c) => ({ codeHash: hashCode(c), userId })));
		await tx.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
	});
	return codes;
}

/** Checks a code from the authenticator, or spends one recovery code; marks the session verified. */
export async function verifySecondFactor(
	db: Database,
	userId: string,
	sessionId: string,
	input: { code?: string; recoveryCode?: string }
): Promise<boolean> {
	let ok = false;
	if (input.code) {
		const [user] = await db.select({ key: users.totpKey }).from(users).where(eq(users.id, userId));
		ok = !!user?.key && checkTotp(user.key, input.code);
	} else if (input.recoveryCode) {
		const spent = await db
			.update(recoveryCodes)
			.set({ usedAt: new Date() })
			.where(
				and(
					eq(recoveryCodes.userId, userId),
					eq(recoveryCodes.codeHash, hashCode(input.recoveryCode)),
					isNull(recoveryCodes.usedAt)
				)
			)
			.returning({ userId: recoveryCodes.userId });
		ok = spent.length === 1;
	}
	if (ok)
		await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
	return ok;
}

export async function setRequiredRoles(db: Database, municipalityId: string, roles: Role[]) {
	await db
		.update(municipalities)
		.set({ twoFactorRoles: roles })
		.where(eq(municipalities.id, municipalityId));
}
