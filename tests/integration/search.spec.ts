import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATE_LIMIT, searchCitizens, SearchError } from '../../src/lib/server/citizens/search';
import type { Database } from '../../src/lib/server/db/client';
import { auditEvents, citizens } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/policy';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let db: Database;
let ctx: Awaited<ReturnType<typeof setup>>;

async function setup() {
	const make = factories(db);
	const named = async (
		row: Promise<typeof citizens.$inferSelect>,
		firstName: string,
		lastName: string
	) => {
		const { id } = await row;
		await db.update(citizens).set({ firstName, lastName }).where(eq(citizens.id, id));
		return { id, name: `${firstName} ${lastName}` };
	};
	const teamA = await make.organisation('icm_team', 'ICM Nord');
	const teamB = await make.organisation('icm_team', 'ICM Syd');
	const jobcenter = await make.organisation('jobcenter', 'Jobcenter Søg');
	const mette = await make.user('case_manager', teamA.id, { name: 'Mette' });
	const amir = await make.user('case_manager', teamA.id, { name: 'Amir' });
	const leaderA = await make.user('team_leader', teamA.id, { name: 'Hanne' });
	const leaderB = await make.user('team_leader', teamB.id, { name: 'Kristian' });
	const ulla = await make.user('case_manager', teamB.id, { name: 'Ulla' });
	const partner = await make.user('partner', jobcenter.id, { name: 'Anders' });
	const admin = await make.user('admin', null, { name: 'Admin' });

	const soeren = await named(make.citizen(teamA.id, mette.id), 'Søren', 'Østergård');
	const sorine = await named(make.citizen(teamA.id, amir.id), 'Sørine', 'Østby');
	const soes = await named(make.citizen(teamB.id, ulla.id), 'Søs', 'Østerby');
	await make.consent(soeren.id, jobcenter.id, ['education_employment'], {
		recordedBy: mette.id
	});
	await make.consent(sorine.id, jobcenter.id, ['housing'], {
		recordedBy: amir.id,
		revokedAt: new Date('2026-01-02T10:00:00Z')
	});

	// The same name in another municipality: never a candidate for anyone here.
	const elsewhere = factories(db);
	const farTeam = await elsewhere.organisation('icm_team', 'ICM Fjern');
	const farManager = await elsewhere.user('case_manager', farTeam.id);
	const twin = await named(elsewhere.citizen(farTeam.id, farManager.id), 'Søren', 'Østergård');

	return {
		teamB,
		soeren,
		sorine,
		soes,
		twin,
		mette: actorOf(mette),
		leaderA: actorOf(leaderA),
		leaderB: actorOf(leaderB),
		partner: actorOf(partner),
		admin: actorOf(admin),
		farManager: actorOf(farManager)
	};
}

async function searchRows(actor: Actor) {
	return db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.actorId, actor.userId), eq(auditEvents.action, 'citizen.search')))
		.orderBy(desc(auditEvents.id));
}

async function identityReads(actor: Actor) {
	return db
		.select()
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.actorId, actor.userId),
				eq(auditEvents.action, 'citizen.identity.read'),
				eq(auditEvents.resource, 'citizen-search')
			)
		);
}

const ids = (result: { citizens: { id: string }[] }) => result.citizens.map((c) => c.id).sort();

beforeAll(async () => {
	db = (await startTestRuntime()).db;
	ctx = await setup();
});
afterAll(async () => {
	await stopRuntime();
});

describe(`citizen search on ${testDatabaseEngine}`, () => {
	it("a case manager finds their own citizen by a partial lowercase name with ø, not a colleague's", async () => {
		const result = await searchCitizens(db, ctx.mette, '  øster ');
		expect(result.query).toBe('øster');
		expect(result.citizens).toEqual([
			{ id: ctx.soeren.id, name: ctx.soeren.name, opens: 'citizen' }
		]);
		expect(result.truncated).toBe(false);

		expect(ids(await searchCitizens(db, ctx.mette, 'ØSTERGÅRD'))).toEqual([ctx.soeren.id]);
		expect(ids(await searchCitizens(db, ctx.mette, 'gård søren'))).toEqual([ctx.soeren.id]);
		expect(ids(await searchCitizens(db, ctx.mette, 'sørine'))).toEqual([]);
		expect(ids(await searchCitizens(db, ctx.mette, 'sør xyz'))).toEqual([]);
	});

	it("a team leader finds the team's citizens, not another team's or another municipality's", async () => {
		expect(ids(await searchCitizens(db, ctx.leaderA, 'øst'))).toEqual(
			[ctx.soeren.id, ctx.sorine.id].sort()
		);
		expect(ids(await searchCitizens(db, ctx.leaderB, 'øst'))).toEqual([ctx.soes.id]);
		expect(ids(await searchCitizens(db, ctx.farManager, 'søren'))).toEqual([ctx.twin.id]);
	});

	it('a partner finds only citizens whose current consent names their organisation, linked to the plan', async () => {
		const result = await searchCitizens(db, ctx.partner, 'øst');
		expect(result.citizens).toEqual([{ id: ctx.soeren.id, name: ctx.soeren.name, opens: 'plan' }]);
	});

	it('an administrator finds no one, and the search is still logged', async () => {
		const result = await searchCitizens(db, ctx.admin, 'øst');
		expect(result.citizens).toEqual([]);
		const [row] = await searchRows(ctx.admin);
		expect(row).toMatchObject({
			details: { query: 'øst', results: 0 },
			channel: 'page',
			resource: 'citizen-search'
		});
		expect(await identityReads(ctx.admin)).toHaveLength(0);
	});

	it('each search writes one citizen.search row with its query and count, and one read per citizen shown', async () => {
		const before = (await searchRows(ctx.leaderA)).length;
		const readsBefore = (await identityReads(ctx.leaderA)).length;
		await searchCitizens(db, ctx.leaderA, 'Sør');
		const rows = await searchRows(ctx.leaderA);
		expect(rows).toHaveLength(before + 1);
		expect(rows[0]).toMatchObject({
			action: 'citizen.search',
			resource: 'citizen-search',
			channel: 'page',
			actorRole: 'team_leader',
			citizenId: null,
			details: { query: 'Sør', results: 2 }
		});
		const reads = await identityReads(ctx.leaderA);
		expect(reads).toHaveLength(readsBefore + 2);
		expect(reads.slice(-2).map((r) => r.grant)).toEqual(['team_leader', 'team_leader']);
	});

	it('refuses a too short or too long query with a clear code, and logs no results', async () => {
		const before = (await searchRows(ctx.mette)).length;
		const readsBefore = (await identityReads(ctx.mette)).length;
		for (const query of ['ø', '   s   ', '']) {
			const error = await searchCitizens(db, ctx.mette, query).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(SearchError);
			expect(error).toMatchObject({ code: 'too_short' });
		}
		await expect(searchCitizens(db, ctx.mette, 'ø'.repeat(101))).rejects.toMatchObject({
			code: 'too_long'
		});
		expect(await searchRows(ctx.mette)).toHaveLength(before);
		expect(await identityReads(ctx.mette)).toHaveLength(readsBefore);
	});

	it(`looks at no more than ${CANDIDATE_LIMIT} candidates, and says when the search was cut`, async () => {
		const [template] = await db.select().from(citizens).where(eq(citizens.id, ctx.soes.id));
		await db.insert(citizens).values(
			Array.from({ length: CANDIDATE_LIMIT + 1 }, (_, i) => ({
				municipalityId: template!.municipalityId,
				teamId: ctx.teamB.id,
				firstName: `Mange${String(i).padStart(3, '0')}`,
				lastName: 'Mangesen',
				status: 'referred' as const
			}))
		);
		const result = await searchCitizens(db, ctx.leaderB, 'mangesen');
		expect(result.truncated).toBe(true);
		expect(result.citizens).toHaveLength(CANDIDATE_LIMIT);
		const [row] = await searchRows(ctx.leaderB);
		expect(row!.details).toMatchObject({ query: 'mangesen', results: CANDIDATE_LIMIT });
	});
});
