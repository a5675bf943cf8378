import { randomBytes } from 'node:crypto';
import { generateTOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { enrolAuthenticator } from '../../src/lib/server/auth/enrol-authenticator';
import { hashPassword } from '../../src/lib/server/auth/password';
import { THROTTLE } from '../../src/lib/server/auth/throttle';
import { seal, unseal } from '../../src/lib/server/auth/secret-box';
import {
	createSession,
	generateSessionToken,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import {
	enableTotp,
	newTotpKey,
	sealPlainTotpKeys,
	setRequiredRoles,
	twoFactorState,
	verifySecondFactor
} from '../../src/lib/server/auth/two-factor';
import { auditEvents, users } from '../../src/lib/server/db/schema';
import { runtime } from '../../src/lib/server/runtime';
import { actorOf } from '../helpers/factories';
import { upgradeStatus } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';

const lifetime = { days: 7, maxDays: 30, idleMinutes: 120 };

async function newSession(userId: string) {
	const token = generateSessionToken();
	await createSession(ctx.db, token, userId, lifetime);
	return { token, id: sessionIdFromToken(token), cookie: `samplan_session=${token}` };
}

const secretKey = randomBytes(32);

async function storedKey(userId: string) {
	const [row] = await ctx.db.select({ key: users.totpKey }).from(users).where(eq(users.id, userId));
	// postgres-js returns a Buffer, PGlite a Uint8Array: compare bytes, not classes.
	return new Uint8Array(row!.key!);
}

async function setStoredKey(userId: string, key: Uint8Array | null) {
	await ctx.db
		.update(users)
		.set({ totpKey: key, totpEnabledAt: key ? new Date() : null })
		.where(eq(users.id, userId));
}

// The key is in place before the context starts, and removed after it has closed.
beforeAll(() => {
	vi.stubEnv('SECRET_KEY', secretKey.toString('base64'));
});
afterAll(() => {
	vi.unstubAllEnvs();
});
const ctx = useRealtimeContext();

describe('two-factor sign-in', () => {
	it('decides the state from enrolment, verification and the roles that require it', () => {
		const none = { role: 'partner' as const, totpEnabledAt: null };
		const enrolled = { role: 'partner' as const, totpEnabledAt: new Date() };
		expect(twoFactorState(none, { twoFactorVerified: false }, [])).toBe('ok');
		expect(twoFactorState(none, { twoFactorVerified: false }, ['partner'])).toBe('setup');
		expect(twoFactorState(enrolled, { twoFactorVerified: false }, [])).toBe('verify');
		expect(twoFactorState(enrolled, { twoFactorVerified: true }, ['partner'])).toBe('ok');
	});

	it('a partner whose role requires it must enrol before anything opens, then is signed in', async () => {
		const partner = ctx.users.jobcenterPartner;
		await setRequiredRoles(ctx.db, partner.municipalityId, ['partner', 'team_leader']);
		const first = await newSession(partner.id);
		expect((await validateSessionToken(ctx.db, first.token, lifetime))?.twoFactor).toBe('setup');
		const plan = `${ctx.yjsUrl}/plan/${ctx.citizen.id}/education_employment`;
		expect(await upgradeStatus(plan, { cookie: first.cookie })).toBe(401);

		const key = newTotpKey();
		const codes = await enableTotp(ctx.db, partner.id, first.id, key);
		expect(codes).toHaveLength(8);
		expect((await validateSessionToken(ctx.db, first.token, lifetime))?.twoFactor).toBe('ok');
		expect(await upgradeStatus(plan, { cookie: first.cookie })).toBe(101);

		const second = await newSession(partner.id);
		expect((await validateSessionToken(ctx.db, second.token, lifetime))?.twoFactor).toBe('verify');
		expect(await upgradeStatus(plan, { cookie: second.cookie })).toBe(401);
		expect(await verifySecondFactor(ctx.db, partner.id, second.id, { code: '000000' })).toBe(false);
		expect(
			await verifySecondFactor(ctx.db, partner.id, second.id, { code: generateTOTP(key, 30, 6) })
		).toBe(true);
		expect(await upgradeStatus(plan, { cookie: second.cookie })).toBe(101);
		await setRequiredRoles(ctx.db, partner.municipalityId, []);
	});

	it('a recovery code works exactly once', async () => {
		const leader = ctx.users.leader;
		const enrolling = await newSession(leader.id);
		const codes = await enableTotp(ctx.db, leader.id, enrolling.id, newTotpKey());
		const a = await newSession(leader.id);
		const b = await newSession(leader.id);
		expect(await verifySecondFactor(ctx.db, leader.id, a.id, { recoveryCode: codes[0] })).toBe(
			true
		);
		expect(await verifySecondFactor(ctx.db, leader.id, b.id, { recoveryCode: codes[0] })).toBe(
			false
		);
		expect(
			await verifySecondFactor(ctx.db, leader.id, b.id, { recoveryCode: codes[1]!.toUpperCase() })
		).toBe(true);
		await ctx.db
			.update(users)
			.set({ totpEnabledAt: null, totpKey: null })
			.where(eq(users.id, leader.id));
	});
});

describe('two-factor keys at rest', () => {
	afterEach(async () => {
		vi.restoreAllMocks();
		for (const user of Object.values(ctx.users)) await setStoredKey(user.id, null);
	});

	it('stores the key encrypted under SECRET_KEY, never the plain key', async () => {
		const user = ctx.users.caseManager;
		const key = newTotpKey();
		await enableTotp(ctx.db, user.id, (await newSession(user.id)).id, key);
		const stored = await storedKey(user.id);
		expect(stored[0]).toBe(1);
		expect(stored).toHaveLength(1 + 12 + 16 + key.length);
		expect(Buffer.from(stored).includes(Buffer.from(key))).toBe(false);
		expect(unseal(secretKey, stored, `totp:${user.id}`)).toEqual(key);
		const session = await newSession(user.id);
		expect(
			await verifySecondFactor(ctx.db, user.id, session.id, { code: generateTOTP(key, 30, 6) })
		).toBe(true);
	});

	it('a key stored in plain form before encryption still verifies, and is then stored sealed', async () => {
		const user = ctx.users.colleague;
		const key = newTotpKey();
		await setStoredKey(user.id, key);
		const session = await newSession(user.id);
		expect(await verifySecondFactor(ctx.db, user.id, session.id, { code: '000000' })).toBe(false);
		expect(await storedKey(user.id)).toEqual(key);

		const code = generateTOTP(key, 30, 6);
		expect(await verifySecondFactor(ctx.db, user.id, session.id, { code })).toBe(true);
		const stored = await storedKey(user.id);
		expect(stored).not.toEqual(key);
		expect(unseal(secretKey, stored, `totp:${user.id}`)).toEqual(key);
		const next = await newSession(user.id);
		expect(await verifySecondFactor(ctx.db, user.id, next.id, { code })).toBe(true);
	});

	it('start-up seals plain keys and counts the ones this SECRET_KEY cannot open', async () => {
		const plain = newTotpKey();
		await setStoredKey(ctx.users.colleague.id, plain);
		const otherKey = randomBytes(32);
		const leader = ctx.users.leader.id;
		await setStoredKey(leader, seal(otherKey, newTotpKey(), `totp:${leader}`));
		vi.spyOn(console, 'log').mockImplementation(() => {});
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

		expect(await sealPlainTotpKeys(ctx.db, runtime().secretKey!)).toEqual({
			sealed: 1,
			unreadable: 1
		});
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('1 two-factor key(s) cannot be'));
		const sealed = await storedKey(ctx.users.colleague.id);
		expect(unseal(secretKey, sealed, `totp:${ctx.users.colleague.id}`)).toEqual(plain);
		expect(await sealPlainTotpKeys(ctx.db, runtime().secretKey!)).toEqual({
			sealed: 0,
			unreadable: 1
		});
	});

	it('under another SECRET_KEY the code is refused without a crash, the enrolment is kept, and recovery codes still sign in', async () => {
		const user = ctx.users.leader;
		const key = newTotpKey();
		const codes = await enableTotp(ctx.db, user.id, (await newSession(user.id)).id, key);
		const stored = await storedKey(user.id);
		const original = runtime().secretKey;
		runtime().secretKey = { bytes: randomBytes(32), durable: true, source: 'SECRET_KEY' };
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const session = await newSession(user.id);
			expect(
				await verifySecondFactor(ctx.db, user.id, session.id, { code: generateTOTP(key, 30, 6) })
			).toBe(false);
			expect(error).toHaveBeenCalledWith(expect.stringContaining('SECRET_KEY'));
			expect(await storedKey(user.id)).toEqual(stored);
			expect((await validateSessionToken(ctx.db, session.token, lifetime))?.twoFactor).toBe(
				'verify'
			);
			expect(
				await verifySecondFactor(ctx.db, user.id, session.id, { recoveryCode: codes[0] })
			).toBe(true);
		} finally {
			runtime().secretKey = original;
		}
	});

	it('an altered stored key is refused, as is one copied from another user', async () => {
		const user = ctx.users.jobcenterPartner;
		const key = newTotpKey();
		await enableTotp(ctx.db, user.id, (await newSession(user.id)).id, key);
		const stored = await storedKey(user.id);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const session = await newSession(user.id);
		const code = generateTOTP(key, 30, 6);
		// The version byte, a byte of the IV, of the auth tag and of the ciphertext.
		for (const index of [0, 5, 20, stored.length - 1]) {
			const altered = Uint8Array.from(stored);
			altered[index]! ^= 0x01;
			await setStoredKey(user.id, altered);
			expect(await verifySecondFactor(ctx.db, user.id, session.id, { code })).toBe(false);
		}
		const other = ctx.users.caseManager;
		await setStoredKey(other.id, stored);
		const otherSession = await newSession(other.id);
		expect(await verifySecondFactor(ctx.db, other.id, otherSession.id, { code })).toBe(false);
	});
});

describe('enrolling an authenticator from the account page', () => {
	it('asks for the current password, refuses a wrong one, and never replaces an authenticator', async () => {
		const user = await ctx.make.user('case_manager', ctx.teams.team.id);
		await ctx.db
			.update(users)
			.set({ passwordHash: await hashPassword('min-egen-adgangskode') })
			.where(eq(users.id, user.id));
		const session = await newSession(user.id);
		const actor = { ...actorOf(user), sessionId: session.id };
		const key = newTotpKey();
		const code = () => generateTOTP(key, 30, 6);
		const enrol = (password: string | null, justSignedIn = false, withKey = key) =>
			enrolAuthenticator(
				ctx.db,
				actor,
				{ key: withKey, code: code(), password, address: '192.0.2.7' },
				justSignedIn
			);

		expect(await enrol('gættet-adgangskode')).toEqual({ ok: false, problem: 'wrong_password' });
		expect(await enrol(null)).toEqual({ ok: false, problem: 'wrong_password' });
		const [stillOff] = await ctx.db
			.select({ on: users.totpEnabledAt })
			.from(users)
			.where(eq(users.id, user.id));
		expect(stillOff!.on).toBeNull();
		const refusals = await ctx.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.actorId, user.id));
		expect(refusals.filter((row) => row.allowed === 'deny')).toHaveLength(2);

		const enrolled = await enrol('min-egen-adgangskode');
		expect(enrolled).toMatchObject({ ok: true });
		expect(await storedKey(user.id)).not.toEqual(key); // sealed, not stored as it is

		// Not with the password, nor right after sign-in: an authenticator is never replaced here.
		const other = newTotpKey();
		expect(await enrol('min-egen-adgangskode', false, other)).toEqual({
			ok: false,
			problem: 'already_enabled'
		});
		expect(await enrol(null, true, other)).toEqual({ ok: false, problem: 'already_enabled' });
	});

	it('needs no second password right after sign-in, when the role requires the enrolment', async () => {
		const user = await ctx.make.user('partner', ctx.users.jobcenterPartner.organisationId!);
		const session = await newSession(user.id);
		const key = newTotpKey();
		const result = await enrolAuthenticator(
			ctx.db,
			{ ...actorOf(user), sessionId: session.id },
			{ key, code: generateTOTP(key, 30, 6), password: null, address: '192.0.2.8' },
			true
		);
		expect(result).toMatchObject({ ok: true });
		expect(result.ok && result.recoveryCodes).toHaveLength(8);
	});

	it('counts a wrong password against the sign-in limits, and locks the form with them', async () => {
		const user = await ctx.make.user('case_manager', ctx.teams.team.id);
		await ctx.db
			.update(users)
			.set({ passwordHash: await hashPassword('min-egen-adgangskode') })
			.where(eq(users.id, user.id));
		const actor = { ...actorOf(user), sessionId: (await newSession(user.id)).id };
		const key = newTotpKey();
		const attempt = (password: string) =>
			enrolAuthenticator(
				ctx.db,
				actor,
				{ key, code: generateTOTP(key, 30, 6), password, address: '192.0.2.9' },
				false
			);
		for (let i = 0; i < THROTTLE.accountFailures; i++) {
			expect(await attempt(`gæt-${i}`)).toEqual({ ok: false, problem: 'wrong_password' });
		}
		expect(await attempt('min-egen-adgangskode')).toEqual({ ok: false, problem: 'locked' });
	});
});
