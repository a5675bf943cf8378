import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { addDays, addMinutes, differenceInMinutes } from 'date-fns';
import { and, eq, ne } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { municipalities, sessions, users } from '../db/schema';
import type { Actor } from '../policy/actor';
import { runtimeIfStarted } from '../runtime';
import { twoFactorState, type TwoFactorState } from './two-factor';

export interface SessionLifetime {
	/** Sliding: each use in the second half of the window extends it by this much… */
	days: number;
	/** …but never beyond this long after sign-in (absolute lifetime, ASVS 7.3.2). */
	maxDays?: number;
	idleMinutes: number;
}

export function sessionLifetime(config: Config): SessionLifetime {
	return {
		days: config.SESSION_DAYS,
		maxDays: config.SESSION_MAX_DAYS,
		idleMinutes: config.SESSION_IDLE_MINUTES
	};
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this hash reaches the database, so a leaked sessions table opens no session. */
export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Database,
	token: string,
	userId: string,
	lifetime: SessionLifetime,
	options: { twoFactorVerified?: boolean; userAgent?: string | null; now?: Date } = {}
) {
	const now = options.now ?? new Date();
	const [session] = await db
		.insert(sessions)
		.values({
			id: sessionIdFromToken(token),
			userId,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: addDays(now, lifetime.days),
			twoFactorVerified: options.twoFactorVerified ?? false,
			userAgent: options.userAgent?.slice(0, 300) ?? null
		})
		.returning();
	return session!;
}

/**
 * A session that exists. Only `twoFactor: 'ok'` is a full sign-in; 'verify' and 'setup' may
 * reach nothing but the second-factor pages.
 */
export type ValidatedSession = { actor: Actor; expiresAt: Date; twoFactor: TwoFactorState };

/**
 * The one session check for pages, socket.io and the Yjs upgrade. Expiry slides: a session used
 * in the second half of its life is extended; a session idle for longer than the idle timeout,
 * or belonging to a deactivated user, is deleted.
 */
export async function validateSessionToken(
	db: Database,
	token: string,
	lifetime: SessionLifetime,
	now: Date = new Date()
): Promise<ValidatedSession | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = sessionIdFromToken(token);
	const [row] = await db
		.select({ session: sessions, user: users, requiredRoles: municipalities.twoFactorRoles })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
		.where(eq(sessions.id, id))
		.limit(1);
	if (!row) return null;
	const { session, user, requiredRoles } = row;
	const idleLimit = addMinutes(session.lastSeenAt, lifetime.idleMinutes);
	if (now >= session.expiresAt || now >= idleLimit || !user.active) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let expiresAt = session.expiresAt;
	const halfLife = (lifetime.days * 24 * 60) / 2;
	const refreshExpiry = differenceInMinutes(expiresAt, now) < halfLife;
	// Touch at most once a minute: idle tracking without a write on every request.
	if (refreshExpiry || differenceInMinutes(now, session.lastSeenAt) >= 1) {
		if (refreshExpiry) {
			const slid = addDays(now, lifetime.days);
			const cap = addDays(session.createdAt, lifetime.maxDays ?? lifetime.days);
			expiresAt = slid < cap ? slid : cap;
		}
		await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
	}
	return {
		expiresAt,
		twoFactor: twoFactorState(user, session, requiredRoles),
		actor: {
			userId: user.id,
			role: user.role,
			name: user.name,
			email: user.email,
			municipalityId: user.municipalityId,
			organisationId: user.organisationId,
			sessionId: id
		}
	};
}

/**
 * A session that ends takes its open connections with it: socket.io and Yjs were authenticated
 * once, at the upgrade, so they are closed here rather than left running on a dead session.
 */
function closeConnections(sessionIds: readonly string[]): void {
	if (sessionIds.length > 0) runtimeIfStarted()?.endSessions?.(sessionIds);
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
	closeConnections([sessionId]);
}

/** "Log ud overalt", and what a password change does: every session of the user, or all but one. */
export async function invalidateUserSessions(
	db: Database,
	userId: string,
	exceptSessionId?: string
): Promise<number> {
	const ended = await db
		.delete(sessions)
		.where(
			exceptSessionId
				? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
				: eq(sessions.userId, userId)
		)
		.returning({ id: sessions.id });
	closeConnections(ended.map((row) => row.id));
	return ended.length;
}
