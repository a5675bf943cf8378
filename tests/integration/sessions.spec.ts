import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { AdminError, endUserSessions, setUserActive } from '../../src/lib/server/admin/users';
import { logOutEverywhere } from '../../src/lib/server/auth/account';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import {
	describeUserAgent,
	listOwnSessions,
	revokeOwnSession,
	sessionHandle
} from '../../src/lib/server/auth/session-list';
import type { Database } from '../../src/lib/server/db/client';
import { auditEvents } from '../../src/lib/server/db/schema';
import { createSocketServer } from '../../src/lib/server/realtime/socket';
import { runtime, stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories, sessionCookie } from '../helpers/factories';

const lifetime = { days: 30, idleMinutes: 120 };
const WINDOWS_CHROME =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let db: Database;
let make: ReturnType<typeof factories>;
beforeAll(async () => {
	db = (await startTestRuntime()).db;
	make = factories(db);
});
afterAll(async () => {
	await stopRuntime();
});

/** Signs the user in on a device and returns the token and the actor that session gives. */
async function signIn(userId: string, userAgent?: string) {
	const token = generateSessionToken();
	await createSession(db, token, userId, lifetime, { twoFactorVerified: true, userAgent });
	const session = await validateSessionToken(db, token, lifetime);
	return { token, actor: session!.actor };
}

async function caseManager() {
	const team = await make.organisation('icm_team', 'ICM Sessioner');
	return make.user('case_manager', team.id);
}

function auditRows(action: string, resource: string) {
	return db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.action, action), eq(auditEvents.resource, resource)));
}

describe(`own sessions on ${testDatabaseEngine} (ASVS 7.5.2)`, () => {
	it('a user signed in on two devices sees both, with the current one marked', async () => {
		const user = await caseManager();
		const desk = await signIn(user.id, WINDOWS_CHROME);
		const phone = await signIn(user.id, IPHONE_SAFARI);

		const listed = await listOwnSessions(db, desk.actor, lifetime);
		expect(listed).toHaveLength(2);
		const byBrowser = Object.fromEntries(listed.map((s) => [s.browser, s]));
		expect(byBrowser.Chrome).toMatchObject({ system: 'Windows', current: true });
		expect(byBrowser.Safari).toMatchObject({
			system: 'iPhone',
			current: false,
			handle: sessionHandle(phone.actor.sessionId)
		});
		expect(byBrowser.Chrome!.createdAt).toBeInstanceOf(Date);
		expect(byBrowser.Chrome!.lastSeenAt).toBeInstanceOf(Date);
		expect(JSON.stringify(listed)).not.toContain(phone.actor.sessionId);
	});

	it('ending another of one’s own sessions signs out exactly that device', async () => {
		const user = await caseManager();
		const desk = await signIn(user.id, WINDOWS_CHROME);
		const phone = await signIn(user.id, IPHONE_SAFARI);

		const result = await revokeOwnSession(db, desk.actor, sessionHandle(phone.actor.sessionId));

		expect(result).toEqual({ ok: true });
		expect(await validateSessionToken(db, phone.token, lifetime)).toBeNull();
		expect(await validateSessionToken(db, desk.token, lifetime)).not.toBeNull();
		const [row] = await auditRows('session.revoke', `user/${user.id}`);
		expect(row).toMatchObject({ actorId: user.id, channel: 'action', allowed: 'allow' });
	});

	it('a handle of someone else’s session ends nothing and is refused and recorded', async () => {
		const mallory = await caseManager();
		const victim = await caseManager();
		const attacker = await signIn(mallory.id, WINDOWS_CHROME);
		const target = await signIn(victim.id, IPHONE_SAFARI);

		const forged = sessionHandle(target.actor.sessionId);
		const result = await revokeOwnSession(db, attacker.actor, forged);

		expect(result).toEqual({ ok: false, problem: 'not_found' });
		expect(await validateSessionToken(db, target.token, lifetime)).not.toBeNull();
		const rows = await auditRows('session.revoke', `user/${mallory.id}`);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ allowed: 'deny', grant: 'none', details: { session: forged } });
	});

	it('the raw session id of someone else’s session does not work as a handle either', async () => {
		const mallory = await caseManager();
		const victim = await caseManager();
		const attacker = await signIn(mallory.id);
		const target = await signIn(victim.id);

		const result = await revokeOwnSession(db, attacker.actor, target.actor.sessionId);

		expect(result).toEqual({ ok: false, problem: 'not_found' });
		expect(await validateSessionToken(db, target.token, lifetime)).not.toBeNull();
	});

	it('the current session is not ended from the list, the ordinary logout does that', async () => {
		const user = await caseManager();
		const desk = await signIn(user.id);
		const result = await revokeOwnSession(db, desk.actor, sessionHandle(desk.actor.sessionId));
		expect(result).toEqual({ ok: false, problem: 'current' });
		expect(await validateSessionToken(db, desk.token, lifetime)).not.toBeNull();
	});

	it('idle and expired sessions are not listed', async () => {
		const user = await caseManager();
		const old = generateSessionToken();
		await createSession(db, old, user.id, lifetime, {
			now: new Date(Date.now() - (lifetime.idleMinutes + 5) * 60_000)
		});
		const desk = await signIn(user.id);
		const listed = await listOwnSessions(db, desk.actor, lifetime);
		expect(listed.map((s) => s.current)).toEqual([true]);
	});

	it('log out everywhere ends every session of the user, this one too, and is recorded', async () => {
		const user = await caseManager();
		const desk = await signIn(user.id);
		const phone = await signIn(user.id);
		await logOutEverywhere(db, desk.actor);
		expect(await validateSessionToken(db, desk.token, lifetime)).toBeNull();
		expect(await validateSessionToken(db, phone.token, lifetime)).toBeNull();
		const [row] = await auditRows('account.sessions.revoke_all', `user/${user.id}`);
		expect(row?.details).toEqual({ sessions: 2 });
	});
});

describe(`administrators and sessions on ${testDatabaseEngine} (ASVS 7.4.5)`, () => {
	it('an administrator ends all of a user’s sessions and it is recorded', async () => {
		const user = await caseManager();
		const admin = actorOf(await make.user('admin', null));
		const desk = await signIn(user.id);
		const phone = await signIn(user.id);

		const result = await endUserSessions(db, admin, user.id);

		expect(result).toEqual({ ended: 2, name: user.name });
		expect(await validateSessionToken(db, desk.token, lifetime)).toBeNull();
		expect(await validateSessionToken(db, phone.token, lifetime)).toBeNull();
		const rows = await auditRows('session.revoke_all_by_admin', `user/${user.id}`);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			actorId: admin.userId,
			channel: 'action',
			grant: 'admin',
			allowed: 'allow',
			details: { sessions: 2 }
		});
	});

	it('a team leader cannot end anyone’s sessions, and the attempt is recorded', async () => {
		const team = await make.organisation('icm_team', 'ICM Leder');
		const leader = actorOf(await make.user('team_leader', team.id));
		const user = await make.user('case_manager', team.id);
		const desk = await signIn(user.id);

		await expect(endUserSessions(db, leader, user.id)).rejects.toMatchObject({
			code: 'forbidden'
		});

		expect(await validateSessionToken(db, desk.token, lifetime)).not.toBeNull();
		const rows = await auditRows('session.revoke_all_by_admin', `user/${user.id}`);
		expect(rows).toMatchObject([{ actorId: leader.userId, allowed: 'deny', grant: 'none' }]);
	});

	it('an administrator of another municipality cannot end the user’s sessions', async () => {
		const user = await caseManager();
		const elsewhere = factories(db);
		const foreignAdmin = actorOf(await elsewhere.user('admin', null));
		const desk = await signIn(user.id);

		await expect(endUserSessions(db, foreignAdmin, user.id)).rejects.toBeInstanceOf(AdminError);
		expect(await validateSessionToken(db, desk.token, lifetime)).not.toBeNull();
	});

	it('an administrator is sent to Min konto for their own sessions', async () => {
		const adminUser = await make.user('admin', null);
		const admin = await signIn(adminUser.id);
		await expect(endUserSessions(db, admin.actor, adminUser.id)).rejects.toMatchObject({
			code: 'self_sessions'
		});
		expect(await validateSessionToken(db, admin.token, lifetime)).not.toBeNull();
	});

	it('deactivating a user ends their sessions, and the audit row says how many', async () => {
		const user = await caseManager();
		const admin = actorOf(await make.user('admin', null));
		const desk = await signIn(user.id);
		const phone = await signIn(user.id);

		await setUserActive(db, admin, user.id, false);

		expect(await validateSessionToken(db, desk.token, lifetime)).toBeNull();
		expect(await validateSessionToken(db, phone.token, lifetime)).toBeNull();
		const [row] = await auditRows('admin.user.deactivate', `user/${user.id}`);
		expect(row?.details).toEqual({ sessions: 2 });
	});
});

describe('device names from the User-Agent', () => {
	it('names the common browsers and systems and admits what it does not know', () => {
		const cases: [string | null, { browser: string | null; system: string | null }][] = [
			[WINDOWS_CHROME, { browser: 'Chrome', system: 'Windows' }],
			[IPHONE_SAFARI, { browser: 'Safari', system: 'iPhone' }],
			[
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
				{ browser: 'Edge', system: 'Windows' }
			],
			[
				'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
				{ browser: 'Firefox', system: 'macOS' }
			],
			[
				'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
				{ browser: 'Samsung Internet', system: 'Android' }
			],
			['curl/8.5.0', { browser: null, system: null }],
			[null, { browser: null, system: null }]
		];
		for (const [userAgent, expected] of cases) {
			expect(describeUserAgent(userAgent)).toEqual(expected);
		}
	});
});

describe(`socket.io team room join on ${testDatabaseEngine}`, () => {
	type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

	it('the watch-team decision is recorded, allowed and denied', async () => {
		const team = await make.organisation('icm_team', 'ICM Live');
		const otherTeam = await make.organisation('icm_team', 'ICM Anden Live');
		const leader = await make.user('team_leader', team.id);
		const outsider = await make.user('team_leader', otherTeam.id);

		const server = http.createServer();
		const io = createSocketServer(runtime());
		io.attach(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const sockets: ClientSocket[] = [];
		const connect = async (userId: string) => {
			const socket: ClientSocket = connectSocket(`http://127.0.0.1:${port}`, {
				path: '/socket.io',
				transports: ['websocket'],
				extraHeaders: { cookie: await sessionCookie(db, userId) },
				reconnection: false
			});
			sockets.push(socket);
			await new Promise((resolve) => socket.once('welcome', resolve));
			return socket;
		};
		try {
			const joined = await (
				await connect(leader.id)
			).emitWithAck('watch-team', {
				teamId: team.id
			});
			const refused = await (
				await connect(outsider.id)
			).emitWithAck('watch-team', {
				teamId: team.id
			});
			expect(joined).toEqual({ ok: true });
			expect(refused).toEqual({ ok: false, error: 'forbidden' });
		} finally {
			for (const socket of sockets) socket.disconnect();
			await new Promise<void>((resolve) => io.close(() => resolve()));
		}

		const rows = await auditRows('team.caseload.watch', `team/${team.id}`);
		const byActor = (userId: string) => rows.find((row) => row.actorId === userId);
		expect(rows).toHaveLength(2);
		expect(byActor(leader.id)).toMatchObject({
			channel: 'socket',
			allowed: 'allow',
			grant: 'team_leader'
		});
		expect(byActor(outsider.id)).toMatchObject({
			channel: 'socket',
			allowed: 'deny',
			grant: 'none'
		});
	});
});
