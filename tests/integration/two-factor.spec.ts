import { generateTOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import {
	enableTotp,
	newTotpKey,
	setRequiredRoles,
	twoFactorState,
	verifySecondFactor
} from '../../src/lib/server/auth/two-factor';
import { users } from '../../src/lib/server/db/schema';
import { upgradeStatus } from '../helpers/yjs-client';
import { startRealtimeContext } from './realtime-context';

let ctx: Awaited<ReturnType<typeof startRealtimeContext>>;
const lifetime = { days: 7, maxDays: 30, idleMinutes: 120 };

async function newSession(userId: string) {
	const token = generateSessionToken();
	await createSession(ctx.db, token, userId, lifetime);
	return { token, id: sessionIdFromToken(token), cookie: `samplan_session=${token}` };
}

beforeAll(async () => {
	ctx = await startRealtimeContext();
});
afterAll(async () => {
	await ctx?.close();
});

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
