import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ConsentError,
	consentInput,
	listConsents,
	recordConsent,
	revokeConsent
} from '../../src/lib/server/consent/manage';
import { auditEvents } from '../../src/lib/server/db/schema';
import { authorize } from '../../src/lib/server/policy';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let handle: Awaited<ReturnType<typeof startTestRuntime>>;
let ctx: Awaited<ReturnType<typeof setup>>;

async function setup() {
	const make = factories(handle.db);
	const team = await make.organisation('icm_team');
	const jobcenter = await make.organisation('jobcenter', 'Jobcenter Samtykke');
	const caseManager = actorOf(await make.user('case_manager', team.id));
	const leader = actorOf(await make.user('team_leader', team.id));
	const partner = actorOf(await make.user('partner', jobcenter.id));
	const citizen = await make.citizen(team.id, caseManager.userId, 'Bo');
	return { jobcenter, caseManager, leader, partner, citizen };
}

beforeAll(async () => {
	handle = await startTestRuntime();
	ctx = await setup();
});
afterAll(async () => {
	await stopRuntime();
});

describe(`consent on ${testDatabaseEngine}`, () => {
	it('a recorded consent opens exactly its sections to the partner, and revoking closes them at once', async () => {
		const id = await recordConsent(handle.db, ctx.caseManager, ctx.citizen.id, {
			organisationId: ctx.jobcenter.id,
			sections: ['education_employment', 'economy'],
			purpose: 'Afklaring af job og ydelser',
			givenOn: '2026-11-01'
		});
		const ask = (section: 'economy' | 'mental_health') =>
			authorize(handle.db, ctx.partner, 'plan.read', { citizenId: ctx.citizen.id, section });
		expect((await ask('economy')).allowed).toBe(true);
		expect((await ask('mental_health')).allowed).toBe(false);

		await revokeConsent(handle.db, ctx.caseManager, ctx.citizen.id, id);
		expect((await ask('economy')).allowed).toBe(false);
		await expect(
			revokeConsent(handle.db, ctx.caseManager, ctx.citizen.id, id)
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('a consent "until" a date holds through that whole Danish day, then ends', async () => {
		await recordConsent(handle.db, ctx.caseManager, ctx.citizen.id, {
			organisationId: ctx.jobcenter.id,
			sections: ['housing'],
			purpose: 'Boligsøgning',
			givenOn: '2026-06-01',
			validUntil: '2026-07-15'
		});
		const at = (iso: string) =>
			authorize(
				handle.db,
				ctx.partner,
				'plan.read',
				{ citizenId: ctx.citizen.id, section: 'housing' },
				new Date(iso)
			);
		expect((await at('2026-07-15T21:59:00Z')).allowed).toBe(true); // 23:59 in Copenhagen
		expect((await at('2026-07-15T22:00:00Z')).allowed).toBe(false); // 00:00 the next day
	});

	it('a team leader reads the consents but cannot record or revoke them', async () => {
		const listed = await listConsents(handle.db, ctx.leader, ctx.citizen.id);
		expect(listed.consents.length).toBeGreaterThan(0);
		await expect(
			recordConsent(handle.db, ctx.leader, ctx.citizen.id, {
				organisationId: ctx.jobcenter.id,
				sections: ['housing'],
				purpose: 'Forsøg',
				givenOn: '2026-11-01'
			})
		).rejects.toBeInstanceOf(ConsentError);
		const denials = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.actorId, ctx.leader.userId), eq(auditEvents.allowed, 'deny')));
		expect(denials.map((d) => d.action)).toContain('consent.manage');
	});

	it('a partner cannot see the list of consents at all', async () => {
		await expect(listConsents(handle.db, ctx.partner, ctx.citizen.id)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('rejects a consent without sections, without purpose, or ending before it is given', () => {
		const base = {
			organisationId: ctx.jobcenter.id,
			sections: ['housing'],
			purpose: 'Boligsøgning',
			givenOn: '2026-11-01'
		};
		expect(consentInput.safeParse({ ...base, sections: [] }).success).toBe(false);
		expect(consentInput.safeParse({ ...base, purpose: ' ' }).success).toBe(false);
		expect(consentInput.safeParse({ ...base, sections: ['everything'] }).success).toBe(false);
		const backwards = consentInput.safeParse({ ...base, validUntil: '2026-10-01' });
		expect(backwards.success).toBe(false);
		expect(backwards.error?.issues[0]?.message).toBe('dates');
	});

	it('checks that arrive together are each answered for their own user, not the others', async () => {
		// One municipality: every refusal below is the policy's, not another municipality's.
		const make = factories(handle.db);
		const team = await make.organisation('icm_team');
		const jobcenter = await make.organisation('jobcenter', 'Jobcenter Samtidig');
		const psykiatri = await make.organisation('psykiatri', 'Psykiatrien Samtidig');
		const caseManager = actorOf(await make.user('case_manager', team.id));
		const partner = actorOf(await make.user('partner', jobcenter.id));
		const otherPartner = actorOf(await make.user('partner', psykiatri.id));
		const otherCaseManager = actorOf(
			await make.user('case_manager', (await make.organisation('icm_team')).id)
		);
		const citizen = await make.citizen(team.id, caseManager.userId, 'Samtidig');
		await recordConsent(handle.db, caseManager, citizen.id, {
			organisationId: jobcenter.id,
			sections: ['economy'],
			purpose: 'Ydelser',
			givenOn: '2026-11-01'
		});
		// The other team's citizen: the same users, another answer.
		const elsewhere = await make.citizen(otherCaseManager.organisationId!, otherCaseManager.userId);
		const asks = [
			[partner, 'plan.read', 'economy', citizen.id, true],
			[partner, 'plan.read', 'mental_health', citizen.id, false],
			[otherPartner, 'plan.read', 'economy', citizen.id, false],
			[caseManager, 'plan.write', 'mental_health', citizen.id, true],
			[caseManager, 'plan.read', 'mental_health', elsewhere.id, false],
			[otherCaseManager, 'plan.read', 'economy', citizen.id, false],
			[otherCaseManager, 'plan.write', 'economy', elsewhere.id, true],
			[partner, 'plan.write', 'economy', citizen.id, true],
			[partner, 'plan.read', 'economy', elsewhere.id, false],
			[otherPartner, 'plan.write', 'economy', citizen.id, false]
		] as const;
		// Many at once, as a plan page's sockets and a reconnecting team arrive: each answer must be
		// the one the same check gives alone.
		const all = [...asks, ...asks, ...asks];
		const together = await Promise.all(
			all.map(([actor, action, section, citizenId]) =>
				authorize(handle.db, actor, action, { citizenId, section })
			)
		);
		expect(together.map((d) => d.allowed)).toEqual(all.map(([, , , , allowed]) => allowed));
	});
});
