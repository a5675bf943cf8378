import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { subMinutes } from 'date-fns';
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { sessions } from '../db/schema';
import type { Actor } from '../policy/actor';
import { invalidateSession, invalidateUserSessions, type SessionLifetime } from './session';

/** One of the user's own sessions as "Min konto" shows it (ASVS 7.5.2). */
export interface SessionSummary {
	/** Names the session in a form; see `sessionHandle`. */
	handle: string;
	createdAt: Date;
	/** Touched at most once a minute by the session check, so approximate. */
	lastSeenAt: Date;
	browser: string | null;
	system: string | null;
	current: boolean;
}

/**
 * The sessions table's id is the SHA-256 of the token and opens nothing, but the page need not
 * carry the primary key either: a second hash of it is enough to pick one of the user's own
 * sessions, and the server only ever looks it up among that user's sessions.
 */
export function sessionHandle(sessionId: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`handle:${sessionId}`))).slice(0, 32);
}

/** Rows the session check would still accept; idle or expired ones wait there to be swept. */
function live(lifetime: SessionLifetime, now: Date) {
	return and(
		gt(sessions.expiresAt, now),
		gt(sessions.lastSeenAt, subMinutes(now, lifetime.idleMinutes))
	);
}

export async function listOwnSessions(
	db: Database,
	actor: Actor,
	lifetime: SessionLifetime,
	now: Date = new Date()
): Promise<SessionSummary[]> {
	const rows = await db
		.select({
			id: sessions.id,
			createdAt: sessions.createdAt,
			lastSeenAt: sessions.lastSeenAt,
			userAgent: sessions.userAgent
		})
		.from(sessions)
		.where(and(eq(sessions.userId, actor.userId), live(lifetime, now)))
		.orderBy(desc(sessions.lastSeenAt));
	return rows.map((row) => ({
		handle: sessionHandle(row.id),
		createdAt: row.createdAt,
		lastSeenAt: row.lastSeenAt,
		...describeUserAgent(row.userAgent),
		current: row.id === actor.sessionId
	}));
}

export type RevokeProblem = 'not_found' | 'current';

/**
 * "Log ud på denne enhed" for one of the user's other sessions. A handle that is not one of the
 * actor's own sessions ends nothing and is recorded as a refused attempt. The current session is
 * ended with the ordinary logout, which also clears the cookie.
 */
export async function revokeOwnSession(
	db: Database,
	actor: Actor,
	handle: string
): Promise<{ ok: true } | { ok: false; problem: RevokeProblem }> {
	const own = await db
		.select({ id: sessions.id })
		.from(sessions)
		.where(eq(sessions.userId, actor.userId));
	const target = own.find((row) => sessionHandle(row.id) === handle);
	const problem: RevokeProblem | null = !target
		? 'not_found'
		: target.id === actor.sessionId
			? 'current'
			: null;
	if (target && !problem) await invalidateSession(db, target.id);
	await recordAudit(db, {
		actor,
		action: 'session.revoke',
		resource: `user/${actor.userId}`,
		channel: 'action',
		decision: problem
			? { allowed: false, reason: problem, grant: null }
			: { allowed: true, grant: { kind: 'self', id: null } },
		details: { session: handle.slice(0, 64) }
	});
	return problem ? { ok: false, problem } : { ok: true };
}

/** Ends every session of a user and says how many there were, for the audit row. */
export async function endAllSessionsOf(db: Database, userId: string): Promise<number> {
	return invalidateUserSessions(db, userId);
}

/** How many live sessions each of these users has, for the administrator's user list. */
export async function countLiveSessions(
	db: Database,
	userIds: readonly string[],
	lifetime: SessionLifetime,
	now: Date = new Date()
): Promise<Map<string, number>> {
	if (userIds.length === 0) return new Map();
	const rows = await db
		.select({ userId: sessions.userId })
		.from(sessions)
		.where(and(inArray(sessions.userId, [...userIds]), live(lifetime, now)));
	const counts = new Map<string, number>();
	for (const { userId } of rows) counts.set(userId, (counts.get(userId) ?? 0) + 1);
	return counts;
}

const BROWSERS: readonly [RegExp, string][] = [
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\b(OPR|Opera)\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(Firefox|FxiOS)\//, 'Firefox'],
	[/\b(Chrome|CriOS|Chromium)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];

const SYSTEMS: readonly [RegExp, string][] = [
	[/\biPhone\b/, 'iPhone'],
	[/\biPad\b/, 'iPad'],
	[/\bAndroid\b/, 'Android'],
	[/\bWindows\b/, 'Windows'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

/**
 * A rough "which browser on which system" from the User-Agent, enough for a person to recognise
 * their own devices. The header is whatever the client sent, so this is a hint, never evidence;
 * a dependency would add versions and engines nobody here needs. Order matters: Edge and Opera
 * also claim Chrome, and Chrome claims Safari.
 */
export function describeUserAgent(userAgent: string | null): {
	browser: string | null;
	system: string | null;
} {
	if (!userAgent) return { browser: null, system: null };
	const first = (table: readonly [RegExp, string][]) =>
		table.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
	return { browser: first(BROWSERS), system: first(SYSTEMS) };
}
