import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { municipalities, recoveryCodes, sessions, users } from '../db/schema';
import type { Role } from '../policy/actor';
import { runtime } from '../runtime';
import { seal, SecretBoxError, unseal, type SecretKey } from './secret-box';

/** RFC 6238 defaults that every authenticator app understands. */
const PERIOD = 30;
const DIGITS = 6;
const GRACE_SECONDS = 30;
const RECOVERY_CODES = 8;
const KEY_BYTES = 20;

/** A key written before encryption: exactly 20 bytes, shorter than any sealed value. */
const isPlainKey = (stored: Uint8Array) => stored.length === KEY_BYTES;

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
	const key = new Uint8Array(KEY_BYTES);
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

/** The process's key; a runtime made by a test without one takes SECRET_KEY from its config. */
function secretKey(): SecretKey {
	const current = runtime();
	if (!current.secretKey && current.config.SECRET_KEY) {
		current.secretKey = { bytes: current.config.SECRET_KEY, durable: true, source: 'SECRET_KEY' };
	}
	if (!current.secretKey) throw new Error('No secret key: the runtime was started without one');
	return current.secretKey;
}

/** Binds a sealed key to its user, so a value copied onto another account does not open. */
const contextOf = (userId: string) => `totp:${userId}`;

function sealTotpKey(secret: SecretKey, userId: string, key: Uint8Array): Uint8Array {
	return seal(secret.bytes, key, contextOf(userId));
}

/** Replaces a plain key with its sealed form, unless the row changed meanwhile (re-enrolment). */
async function sealStoredKey(db: Database, secret: SecretKey, userId: string, plain: Uint8Array) {
	await db
		.update(users)
		.set({ totpKey: sealTotpKey(secret, userId, plain) })
		.where(and(eq(users.id, userId), eq(users.totpKey, plain)));
}

async function checkStoredTotp(
	db: Database,
	userId: string,
	stored: Uint8Array,
	code: string
): Promise<boolean> {
	const secret = secretKey();
	// Sealed once it has proved itself; never under a key this process will forget.
	if (isPlainKey(stored)) {
		if (!checkTotp(stored, code)) return false;
		if (secret.durable) await sealStoredKey(db, secret, userId, stored);
		return true;
	}
	let key: Uint8Array;
	try {
		key = unseal(secret.bytes, stored, contextOf(userId));
	} catch (error) {
		if (!(error instanceof SecretBoxError)) throw error;
		// Fail closed, and do not reset the enrolment: that would let a password alone enrol a new
		// authenticator. Recovery codes (stored as hashes) still work; the user can then re-enrol.
		console.error(
			`Two-factor key of user ${userId} cannot be decrypted: SECRET_KEY (or DATA_DIR/secret.key) is not the key it was stored with, or the stored value was altered. The code is refused; a recovery code still signs in, and the user can then set up the authenticator again.`
		);
		return false;
	}
	return checkTotp(key, code);
}

/**
 * At start-up: seals every TOTP key still stored in plain form, and says how many sealed keys this
 * SECRET_KEY cannot open (a changed or lost key), so an operator hears it before the users do.
 */
export async function sealPlainTotpKeys(
	db: Database,
	secret: SecretKey
): Promise<{ sealed: number; unreadable: number }> {
	const rows = await db
		.select({ id: users.id, key: users.totpKey })
		.from(users)
		.where(isNotNull(users.totpKey));
	let sealed = 0;
	let unreadable = 0;
	for (const { id, key } of rows) {
		if (!key) continue;
		if (isPlainKey(key)) {
			await sealStoredKey(db, secret, id, key);
			sealed++;
			continue;
		}
		try {
			unseal(secret.bytes, key, contextOf(id));
		} catch (error) {
			if (!(error instanceof SecretBoxError)) throw error;
			unreadable++;
		}
	}
	if (sealed > 0) console.log(`Encrypted ${sealed} two-factor key(s) stored before encryption.`);
	if (unreadable > 0) {
		console.warn(
			`ADVARSEL/WARNING: ${unreadable} two-factor key(s) cannot be decrypted with this SECRET_KEY (source: ${secret.source}). Those users must sign in with a recovery code and set up their authenticator again, unless the original key is restored.`
		);
	}
	return { sealed, unreadable };
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
	const totpKey = sealTotpKey(secretKey(), userId, key);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ totpKey, totpEnabledAt: new Date() }).where(eq(users.id, userId));
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
		ok = !!user?.key && (await checkStoredTotp(db, userId, user.key, input.code));
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
