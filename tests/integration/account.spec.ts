import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { AdminError, inviteUser, setUserActive } from '../../src/lib/server/admin/users';
import { changePassword } from '../../src/lib/server/auth/account';
import { acceptInvitation, findInvitation } from '../../src/lib/server/auth/invitations';
import { checkCredentials } from '../../src/lib/server/auth/login';
import { hashPassword } from '../../src/lib/server/auth/password';
import { THROTTLE } from '../../src/lib/server/auth/throttle';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { users } from '../../src/lib/server/db/schema';
import { createTestDatabase, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories, sessionCookie } from '../helpers/factories';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let make: ReturnType<typeof factories>;
const lifetime = { days: 30, idleMinutes: 120 };
const tokenOf = (cookie: string) => cookie.split('=')[1]!;

beforeAll(async () => {
	handle = await createTestDatabase();
	make = factories(handle.db);
});
afterAll(async () => {
	await handle?.close();
});

async function userWithPassword(password: string) {
	const team = await make.organisation();
	const user = await make.user('case_manager', team.id);
	await handle.db
		.update(users)
		.set({ passwordHash: await hashPassword(password) })
		.where(eq(users.id, user.id));
	return user;
}

describe(`accounts on ${testDatabaseEngine}`, () => {
	it('changing the password ends every other session but keeps the one that changed it', async () => {
		const user = await userWithPassword('gammel-adgangskode-1');
		const here = tokenOf(await sessionCookie(handle.db, user.id));
		const phone = tokenOf(await sessionCookie(handle.db, user.id));
		const session = await validateSessionToken(handle.db, here, lifetime);
		const result = await changePassword(handle.db, session!.actor, {
			current: 'gammel-adgangskode-1',
			next: 'en lang ny sætning som kode',
			repeat: 'en lang ny sætning som kode',
			address: '10.9.0.1'
		});
		expect(result).toEqual({ ok: true });
		expect(await validateSessionToken(handle.db, here, lifetime)).not.toBeNull();
		expect(await validateSessionToken(handle.db, phone, lifetime)).toBeNull();
		const login = await checkCredentials(handle.db, {
			email: user.email,
			password: 'en lang ny sætning som kode',
			address: '10.9.0.1'
		});
		expect(login.ok).toBe(true);
	});

	it('refuses a wrong current password, a short one, and two that differ, changing nothing', async () => {
		const user = await userWithPassword('gammel-adgangskode-2');
		const actor = actorOf(user);
		const attempts = [
			{
				current: 'forkert',
				next: 'en lang ny sætning som kode',
				repeat: 'en lang ny sætning som kode'
			},
			{ current: 'gammel-adgangskode-2', next: 'kort', repeat: 'kort' },
			{
				current: 'gammel-adgangskode-2',
				next: 'en lang ny sætning',
				repeat: 'en anden lang sætning'
			}
		];
		const problems = [];
		for (const attempt of attempts) {
			problems.push(await changePassword(handle.db, actor, { ...attempt, address: '10.9.0.2' }));
		}
		expect(problems).toEqual([
			{ ok: false, problem: 'wrong_current' },
			{ ok: false, problem: 'too_short' },
			{ ok: false, problem: 'mismatch' }
		]);
		const still = await checkCredentials(handle.db, {
			email: user.email,
			password: 'gammel-adgangskode-2',
			address: '10.9.0.2'
		});
		expect(still.ok).toBe(true);
	});

	it('counts a wrong current password against the sign-in limits, then refuses even the right one', async () => {
		const user = await userWithPassword('gammel-adgangskode-3');
		const actor = actorOf(user);
		const change = (current: string) =>
			changePassword(handle.db, actor, {
				current,
				next: 'en lang ny sætning som kode',
				repeat: 'en lang ny sætning som kode',
				address: '10.9.0.3'
			});
		for (let i = 0; i < THROTTLE.accountFailures; i++) {
			expect(await change(`gæt-${i}`)).toEqual({ ok: false, problem: 'wrong_current' });
		}
		expect(await change('gammel-adgangskode-3')).toEqual({ ok: false, problem: 'locked' });
		const login = await checkCredentials(handle.db, {
			email: user.email,
			password: 'gammel-adgangskode-3',
			address: '10.9.0.4'
		});
		expect(login.ok, 'the account is locked for sign-in too').toBe(false);
	});

	it('an invitation link sets a password exactly once', async () => {
		const admin = actorOf(await make.user('admin', null));
		const jobcenter = await make.organisation('jobcenter', 'Jobcenter Inviteret');
		const created = await inviteUser(handle.db, admin, {
			name: 'Ny Partner',
			email: 'ny.partner@test.example',
			role: 'partner',
			organisationId: jobcenter.id,
			fte: 1
		});
		expect(await findInvitation(handle.db, created.token)).toMatchObject({ name: 'Ny Partner' });
		const first = await acceptInvitation(handle.db, created.token, {
			password: 'min helt egen lange kode',
			repeat: 'min helt egen lange kode'
		});
		const second = await acceptInvitation(handle.db, created.token, {
			password: 'en anden lang kode her',
			repeat: 'en anden lang kode her'
		});
		expect(first.ok).toBe(true);
		expect(second).toEqual({ ok: false, problem: 'invalid' });
		const login = await checkCredentials(handle.db, {
			email: 'NY.PARTNER@test.example',
			password: 'min helt egen lange kode',
			address: '10.9.0.3'
		});
		expect(login.ok).toBe(true);
	});

	it('only an administrator invites, and a partner cannot be put in an ICM team', async () => {
		const team = await make.organisation();
		const leader = actorOf(await make.user('team_leader', team.id));
		const admin = actorOf(await make.user('admin', null));
		const input = {
			name: 'Forkert',
			email: 'forkert@test.example',
			role: 'partner' as const,
			organisationId: team.id,
			fte: 1
		};
		await expect(inviteUser(handle.db, leader, input)).rejects.toThrow(AdminError);
		await expect(inviteUser(handle.db, admin, input)).rejects.toMatchObject({
			code: 'organisation'
		});
	});

	it('deactivating a user ends their sessions and their logins', async () => {
		const user = await userWithPassword('deaktiveres-snart-1');
		const admin = actorOf(await make.user('admin', null));
		const token = tokenOf(await sessionCookie(handle.db, user.id));
		await setUserActive(handle.db, admin, user.id, false);
		expect(await validateSessionToken(handle.db, token, lifetime)).toBeNull();
		const login = await checkCredentials(handle.db, {
			email: user.email,
			password: 'deaktiveres-snart-1',
			address: '10.9.0.4'
		});
		expect(login).toEqual({ ok: false, reason: 'invalid' });
	});

	it('a session unused for longer than the idle timeout is over', async () => {
		const user = await userWithPassword('tomgang-kode-123');
		const token = tokenOf(await sessionCookie(handle.db, user.id));
		const later = new Date(Date.now() + (lifetime.idleMinutes + 1) * 60_000);
		expect(await validateSessionToken(handle.db, token, lifetime, later)).toBeNull();
	});

	it('a session slides while used but ends at its absolute lifetime all the same', async () => {
		const user = await userWithPassword('absolut-levetid-1');
		const busy = { days: 7, maxDays: 30, idleMinutes: 60 * 24 * 365 };
		const signedIn = new Date('2026-01-01T08:00:00Z');
		const token = generateSessionToken();
		await createSession(handle.db, token, user.id, busy, { now: signedIn });
		const day = (n: number) => new Date(signedIn.getTime() + n * 24 * 3600 * 1000);
		for (const n of [5, 10, 15, 20, 25, 29]) {
			expect(await validateSessionToken(handle.db, token, busy, day(n))).not.toBeNull();
		}
		const last = await validateSessionToken(handle.db, token, busy, day(29.9));
		expect(last?.expiresAt.toISOString()).toBe(day(30).toISOString());
		expect(await validateSessionToken(handle.db, token, busy, day(30.01))).toBeNull();
	});
});
