import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseloadError } from '../../src/lib/server/caseload/errors';
import {
	listReferrals,
	registerReferral,
	startSupport
} from '../../src/lib/server/caseload/intake';
import { changeSupport } from '../../src/lib/server/caseload/status';
import type { Database } from '../../src/lib/server/db/client';
import {
	assignments,
	citizenStatusHistory,
	citizens,
	coverGrants
} from '../../src/lib/server/db/schema';
import { authorize } from '../../src/lib/server/policy';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';
import { outcomeOf } from '../helpers/errors';

let db: Database;
beforeAll(async () => {
	db = (await startTestRuntime()).db;
});
afterAll(async () => {
	await stopRuntime();
});

const code = outcomeOf(CaseloadError);

async function team() {
	const f = factories(db);
	const org = await f.organisation('icm_team', 'ICM Visitation');
	const leader = await f.user('team_leader', org.id, { name: 'Lise Leder' });
	// Ida has one place left, Jens has four.
	const ida = await f.user('case_manager', org.id, { name: 'Ida', fte: 0.5 });
	const jens = await f.user('case_manager', org.id, { name: 'Jens', fte: 0.5 });
	for (let i = 0; i < 3; i++) await f.citizen(org.id, ida.id, `Idas${i}`);
	return { f, org, leader, ida, jens };
}

describe(`intake, stepping down, ending and reopening (${testDatabaseEngine})`, () => {
	it('suggests the case manager with room for a new referral, and starting support assigns them', async () => {
		const t = await team();
		const id = await registerReferral(db, actorOf(t.leader), t.org.id, {
			firstName: 'Ny',
			lastName: 'Henvist',
			housing: 'shelter',
			note: 'Henvist fra herberget'
		});
		const { referrals } = await listReferrals(db, actorOf(t.leader), t.org.id);
		expect(referrals).toMatchObject([
			{
				id,
				name: 'Ny Henvist',
				housing: 'shelter',
				suggestion: { id: t.jens.id, why: 'most_room' }
			}
		]);
		await startSupport(db, actorOf(t.leader), {
			citizenId: id,
			caseManagerId: t.jens.id,
			reason: 'Visiteret'
		});
		const [row] = await db.select().from(citizens).where(eq(citizens.id, id));
		expect(row!.status).toBe('active');
		expect((await listReferrals(db, actorOf(t.leader), t.org.id)).referrals).toEqual([]);
		expect((await authorize(db, actorOf(t.jens), 'journal.read', { citizenId: id })).allowed).toBe(
			true
		);
		expect(
			await code(
				startSupport(db, actorOf(t.leader), {
					citizenId: id,
					caseManagerId: t.ida.id,
					reason: 'Igen'
				})
			)
		).toBe('conflict');
	});

	it('never calls a full colleague the one with most room', async () => {
		const t = await team();
		// Jens has four places; filling three leaves one, and Ida (three of four) has one too.
		for (let i = 0; i < 3; i++) await t.f.citizen(t.org.id, t.jens.id, `Jens${i}`);
		const names = ['Første', 'Anden', 'Tredje'];
		for (const lastName of names) {
			await registerReferral(db, actorOf(t.leader), t.org.id, {
				firstName: 'Ny',
				lastName,
				housing: 'street'
			});
		}
		const { referrals } = await listReferrals(db, actorOf(t.leader), t.org.id);
		const why = referrals.map((r) => [r.suggestion?.why, r.suggestion?.overCapacity]);
		// Two places in the team: two referrals get "most room", the third is told nobody has one.
		expect(why.filter(([w]) => w === 'most_room')).toEqual([
			['most_room', false],
			['most_room', false]
		]);
		expect(why.filter(([w]) => w !== 'most_room')).toEqual([['none_free', true]]);
	});

	it('asks for a reason to go above capacity, and refuses anyone but the team leader', async () => {
		const t = await team();
		const f = t.f;
		await f.citizen(t.org.id, t.ida.id, 'Fjerde');
		const id = await registerReferral(db, actorOf(t.leader), t.org.id, {
			firstName: 'Fuld',
			lastName: 'Plads',
			housing: 'street'
		});
		const start = (extra: { overrideReason?: string } = {}) =>
			startSupport(db, actorOf(t.leader), {
				citizenId: id,
				caseManagerId: t.ida.id,
				reason: 'Kender Ida',
				...extra
			});
		expect(await code(start())).toBe('over_capacity');
		expect(
			await code(
				startSupport(db, actorOf(t.jens), {
					citizenId: id,
					caseManagerId: t.jens.id,
					reason: 'Selv'
				})
			)
		).toBe('forbidden');
		expect(
			await code(
				registerReferral(db, actorOf(t.ida), t.org.id, {
					firstName: 'X',
					lastName: 'Y',
					housing: 'street'
				})
			)
		).toBe('forbidden');
		expect(await code(start({ overrideReason: 'Borgeren kender kun Ida' }))).toBe('ok');
		const [assignment] = await db.select().from(assignments).where(eq(assignments.citizenId, id));
		expect(assignment!.capacityOverrideReason).toBe('Borgeren kender kun Ida');
	});

	it('steps a citizen down to § 85 support, freeing the place and ending access, and reopens with the earlier case manager first', async () => {
		const t = await team();
		const citizen = await t.f.citizen(t.org.id, t.jens.id, 'Trappes');
		const colleague = await t.f.user('case_manager', t.org.id, { name: 'Kollega' });
		// A cover running now (the factory books the absence on Ida, who is away; Jens stays here).
		await t.f.cover(citizen.id, t.ida.id, colleague.id, {
			startsAt: new Date(Date.now() - 60_000),
			endsAt: null
		});

		await changeSupport(db, actorOf(t.leader), citizen.id, {
			to: 'stepped_down',
			supportAfter: 'sel_85',
			reason: 'Klar til bostøtte'
		});
		const [row] = await db.select().from(citizens).where(eq(citizens.id, citizen.id));
		expect(row).toMatchObject({ status: 'stepped_down', supportAfter: 'sel_85' });
		expect(
			(await authorize(db, actorOf(t.jens), 'journal.read', { citizenId: citizen.id })).allowed
		).toBe(false);
		expect(
			(await authorize(db, actorOf(colleague), 'journal.read', { citizenId: citizen.id })).allowed
		).toBe(false);
		const covers = await db.select().from(coverGrants).where(eq(coverGrants.citizenId, citizen.id));
		expect(covers.every((c) => c.revokedAt !== null)).toBe(true);
		expect(
			await code(changeSupport(db, actorOf(t.leader), citizen.id, { to: 'ended', reason: 'Igen' }))
		).toBe('conflict');

		await changeSupport(db, actorOf(t.leader), citizen.id, {
			to: 'referred',
			reason: 'Har brug for ICM igen'
		});
		const { referrals } = await listReferrals(db, actorOf(t.leader), t.org.id);
		const reopened = referrals.find((r) => r.id === citizen.id)!;
		expect(reopened.earlier.map((e) => e.name)).toEqual(['Jens']);
		expect(reopened.suggestion).toMatchObject({ id: t.jens.id, why: 'earlier' });
		const history = await db
			.select()
			.from(citizenStatusHistory)
			.where(eq(citizenStatusHistory.citizenId, citizen.id));
		expect(history.map((h) => h.status)).toEqual(
			expect.arrayContaining(['stepped_down', 'referred'])
		);
	});
});
