import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/lib/i18n';
import { FIXED_SECTIONS } from '../../src/lib/plan/sections';
import { searchCitizens } from '../../src/lib/server/citizens/search';
import {
	consentInput,
	listConsents,
	recordConsent,
	revokeConsent
} from '../../src/lib/server/consent/manage';
import { listCitizensSharedWithMe } from '../../src/lib/server/consent/shared-with-me';
import { consents } from '../../src/lib/server/db/schema';
import { readPrintablePlan } from '../../src/lib/server/plan/printable';
import { authorize, authorizeMany } from '../../src/lib/server/policy';
import { CITIZEN_ACTIONS } from '../../src/lib/server/policy/rules';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let handle: Awaited<ReturnType<typeof startTestRuntime>>;
let ctx: Awaited<ReturnType<typeof setup>>;

async function setup() {
	const make = factories(handle.db);
	const team = await make.organisation('icm_team', 'ICM Netværk');
	const otherTeam = await make.organisation('icm_team', 'ICM Andet');
	const jobcenter = await make.organisation('jobcenter', 'Jobcenter Netværk');
	const psychiatry = await make.organisation('psykiatri', 'Psykiatrien Netværk');
	const caseManager = actorOf(await make.user('case_manager', team.id));
	const colleague = actorOf(await make.user('case_manager', team.id));
	const outsider = actorOf(await make.user('case_manager', otherTeam.id));
	const partner = actorOf(await make.user('partner', jobcenter.id));
	const otherPartner = actorOf(await make.user('partner', psychiatry.id));
	const admin = actorOf(await make.user('admin', null));
	const citizen = (name: string) => make.citizen(team.id, caseManager.userId, name);
	return {
		jobcenter,
		caseManager,
		colleague,
		outsider,
		partner,
		otherPartner,
		admin,
		citizen
	};
}

const sister = {
	personName: 'Lene Hansen',
	personRelation: 'Søster',
	sections: ['social_network', 'outreach'] as const,
	purpose: 'Må kontaktes, hvis ICM-medarbejderen mister kontakten',
	givenOn: '2026-11-01'
};

beforeAll(async () => {
	handle = await startTestRuntime();
	ctx = await setup();
});
afterAll(async () => {
	await stopRuntime();
});

describe(`consent to a network person on ${testDatabaseEngine}`, () => {
	it('is recorded, listed as name and relation, and revoked like any other consent', async () => {
		const citizen = await ctx.citizen('Nanna');
		const id = await recordConsent(handle.db, ctx.caseManager, citizen.id, {
			...sister,
			sections: [...sister.sections],
			personName: '  Lene Hansen ',
			personRelation: ' Søster'
		});

		const listed = await listConsents(handle.db, ctx.caseManager, citizen.id);
		const row = listed.consents.find((c) => c.id === id)!;
		expect(row).toMatchObject({
			organisation: null,
			personName: 'Lene Hansen',
			personRelation: 'Søster',
			revokedAt: null
		});
		expect(t.consent.personLabel(row.personName!, row.personRelation)).toBe('Lene Hansen (Søster)');

		await revokeConsent(handle.db, ctx.caseManager, citizen.id, id);
		const [stored] = await handle.db.select().from(consents).where(eq(consents.id, id));
		expect(stored!.revokedAt).toBeInstanceOf(Date);
		expect(stored!.revokedBy).toBe(ctx.caseManager.userId);
		await expect(revokeConsent(handle.db, ctx.caseManager, citizen.id, id)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('refuses a consent naming both an organisation and a person, or neither', async () => {
		const citizen = await ctx.citizen('Oline');
		const base = {
			sections: ['housing'],
			purpose: 'Boligsøgning',
			givenOn: '2026-11-01'
		};
		const person = { personName: 'Lene Hansen', personRelation: 'Søster' };
		const messages = (input: object) =>
			consentInput.safeParse(input).error?.issues.map((i) => i.message) ?? [];

		expect(consentInput.safeParse({ ...base, ...person }).success).toBe(true);
		expect(consentInput.safeParse({ ...base, organisationId: ctx.jobcenter.id }).success).toBe(
			true
		);
		expect(messages({ ...base, ...person, organisationId: ctx.jobcenter.id })).toContain('party');
		expect(messages(base)).toContain('party');
		expect(consentInput.safeParse({ ...base, personName: 'Lene Hansen' }).success).toBe(false);
		expect(
			consentInput.safeParse({ ...base, organisationId: ctx.jobcenter.id, personRelation: 'Mor' })
				.success
		).toBe(false);

		const record = (input: Parameters<typeof recordConsent>[3]) =>
			recordConsent(handle.db, ctx.caseManager, citizen.id, input);
		await expect(
			record({ ...base, sections: ['housing'], ...person, organisationId: ctx.jobcenter.id })
		).rejects.toMatchObject({ code: 'party' });
		await expect(record({ ...base, sections: ['housing'] })).rejects.toMatchObject({
			code: 'party'
		});
		await expect(
			record({ ...base, sections: ['housing'], personName: 'Lene Hansen' })
		).rejects.toMatchObject({ code: 'party' });
		const stored = await handle.db
			.select()
			.from(consents)
			.where(eq(consents.citizenId, citizen.id));
		expect(stored).toHaveLength(0);
	});

	it('grants no one any access: partners, colleagues and administrators gain nothing from it', async () => {
		const citizen = await ctx.citizen('Peder');
		await recordConsent(handle.db, ctx.caseManager, citizen.id, {
			...sister,
			sections: [...FIXED_SECTIONS]
		});

		for (const actor of [ctx.partner, ctx.otherPartner, ctx.outsider, ctx.colleague, ctx.admin]) {
			for (const action of CITIZEN_ACTIONS) {
				const whole = await authorize(handle.db, actor, action, { citizenId: citizen.id });
				expect(whole.allowed, `${actor.role} ${action}`).toBe(false);
				if (action !== 'plan.read' && action !== 'plan.write') continue;
				for (const section of FIXED_SECTIONS) {
					const one = await authorize(handle.db, actor, action, {
						citizenId: citizen.id,
						section
					});
					expect(one.allowed, `${actor.role} ${action} ${section}`).toBe(false);
				}
			}
			const many = await authorizeMany(handle.db, actor, 'citizen.identity.read', [citizen.id]);
			expect(many.get(citizen.id)?.allowed).toBe(false);
		}

		const shared = await listCitizensSharedWithMe(handle.db, ctx.partner);
		expect(shared.map((c) => c.id)).not.toContain(citizen.id);
		const found = await searchCitizens(handle.db, ctx.partner, 'Peder');
		expect(found.citizens).toHaveLength(0);

		// The case manager's own access is unchanged, and never comes from the person's consent.
		const own = await authorize(handle.db, ctx.caseManager, 'plan.read', {
			citizenId: citizen.id,
			section: 'social_network'
		});
		expect(own).toMatchObject({ allowed: true, grant: { kind: 'primary' } });
	});

	it('shows on the printable plan in plain words, apart from the partner organisations', async () => {
		const citizen = await ctx.citizen('Rikke');
		await recordConsent(handle.db, ctx.caseManager, citizen.id, {
			organisationId: ctx.jobcenter.id,
			sections: ['education_employment'],
			purpose: 'Afklaring af job',
			givenOn: '2026-11-01'
		});
		await recordConsent(handle.db, ctx.caseManager, citizen.id, {
			...sister,
			sections: [...sister.sections]
		});
		const revoked = await recordConsent(handle.db, ctx.caseManager, citizen.id, {
			...sister,
			sections: ['housing'],
			personName: 'Kim Berg',
			personRelation: 'Ven'
		});
		await revokeConsent(handle.db, ctx.caseManager, citizen.id, revoked);

		const plan = await readPrintablePlan(handle.db, ctx.caseManager, citizen.id);
		expect(plan!.consents!.partners).toEqual([
			expect.objectContaining({ party: 'Jobcenter Netværk', sections: ['education_employment'] })
		]);
		expect(plan!.consents!.people).toEqual([
			expect.objectContaining({
				party: 'Lene Hansen (Søster)',
				sections: ['social_network', 'outreach'],
				purpose: sister.purpose,
				validUntil: null
			})
		]);

		// The partner prints only its own sections, and never the list of consents.
		const partnerPlan = await readPrintablePlan(handle.db, ctx.partner, citizen.id);
		expect(partnerPlan!.consents).toBeNull();
	});
});
