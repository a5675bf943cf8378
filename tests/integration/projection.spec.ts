import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromCopenhagenLocal } from '../../src/lib/dates';
import { addAction, addGoal, addSubgoal, removeItem } from '../../src/lib/plan/items';
import type { PlanAction, SectionData } from '../../src/lib/plan/read';
import { dimensionRoots, itemArray } from '../../src/lib/plan/schema';
import { planDocumentName, type SectionKey } from '../../src/lib/plan/sections';
import { recordConsent, revokeConsent } from '../../src/lib/server/consent/manage';
import {
	auditEvents,
	planItems,
	planSectionRevisions,
	planUpdates
} from '../../src/lib/server/db/schema';
import { addCustomSection } from '../../src/lib/server/plan/custom-sections';
import { listPartnerOpenActions } from '../../src/lib/server/plan/partner-actions';
import { projectCitizen, projectSection, projectStale } from '../../src/lib/server/plan/projection';
import { ProjectionScheduler } from '../../src/lib/server/plan/projection-scheduler';
import { ensureDocument } from '../../src/lib/server/realtime/yjs/persistence';
import { actorOf, factories } from '../helpers/factories';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';

const ctx = useRealtimeContext();

const doc = (section: string) => `plan/${ctx.citizen.id}/${section}`;

function itemsOf(citizenId: string, section: string) {
	return ctx.db
		.select()
		.from(planItems)
		.where(and(eq(planItems.citizenId, citizenId), eq(planItems.section, section)))
		.orderBy(asc(planItems.kind), asc(planItems.title));
}

function revisionOf(citizenId: string, section: string) {
	return ctx.db
		.select()
		.from(planSectionRevisions)
		.where(
			and(eq(planSectionRevisions.citizenId, citizenId), eq(planSectionRevisions.section, section))
		);
}

/** The projection waits for a quiet moment (1.5 s) after the last edit; give it room. */
const PROJECTED_WITHIN_MS = 8000;

describe('the plan projection, kept by the realtime server', () => {
	it('projects goals and actions edited live, with owner, deadline and status, and forgets deleted ones', async () => {
		const jobcenterId = ctx.users.jobcenterPartner.organisationId!;
		const a = connectYjs(ctx.yjsUrl, doc('housing'), ctx.cookies.caseManager);
		const b = connectYjs(ctx.yjsUrl, doc('housing'), ctx.cookies.caseManager);
		await Promise.all([a.synced(), b.synced()]);

		const goals = dimensionRoots(a.doc).goals;
		const goalId = addGoal(goals, 'Egen bolig');
		const actionId = addAction(itemArray(goals.get(0), 'actions')!, {
			what: 'Tilmeld boligsøgning',
			owner: { kind: 'organisation', id: jobcenterId, label: 'Jobcenter Test' },
			due: '2030-04-01'
		});

		await eventually(async () => {
			const rows = await itemsOf(ctx.citizen.id, 'housing');
			expect(rows).toMatchObject([
				{ itemId: goalId, kind: 'goal', title: 'Egen bolig', parentItemId: null, status: null },
				{
					itemId: actionId,
					kind: 'action',
					title: 'Tilmeld boligsøgning',
					parentItemId: goalId,
					ownerOrganisationId: jobcenterId,
					ownerUserId: null,
					dueOn: '2030-04-01',
					status: 'open'
				}
			]);
		}, PROJECTED_WITHIN_MS);
		const [revision] = await revisionOf(ctx.citizen.id, 'housing');
		expect(revision?.lastRevisedBy).toBe(ctx.users.caseManager.id);

		// The other client marks it done.
		const actionsAtB = () => itemArray(dimensionRoots(b.doc).goals.get(0), 'actions')!;
		await eventually(() => expect(actionsAtB().length).toBe(1));
		actionsAtB().get(0).set('status', 'done');
		await eventually(async () => {
			const rows = await itemsOf(ctx.citizen.id, 'housing');
			expect(rows.find((row) => row.itemId === actionId)?.status).toBe('done');
		}, PROJECTED_WITHIN_MS);

		removeItem(actionsAtB(), actionId);
		await eventually(async () => {
			const rows = await itemsOf(ctx.citizen.id, 'housing');
			expect(rows.map((row) => row.itemId)).toEqual([goalId]);
		}, PROJECTED_WITHIN_MS);
		a.destroy();
		b.destroy();
	});

	it('stores and relays an edit before it is projected', async () => {
		const a = connectYjs(ctx.yjsUrl, doc('economy'), ctx.cookies.caseManager);
		const b = connectYjs(ctx.yjsUrl, doc('economy'), ctx.cookies.caseManager);
		await Promise.all([a.synced(), b.synced()]);
		const started = Date.now();
		addGoal(dimensionRoots(a.doc).goals, 'Styr på gælden');
		await eventually(() => expect(dimensionRoots(b.doc).goals.length).toBe(1));
		const stored = await ctx.db
			.select()
			.from(planUpdates)
			.where(eq(planUpdates.documentName, doc('economy')));
		const projected = await itemsOf(ctx.citizen.id, 'economy');
		expect(stored.length).toBeGreaterThan(0);
		// The projection waits 1.5 s after the last edit; only a read well inside that proves the
		// order (a machine stalled for a second says nothing either way).
		if (Date.now() - started < 1000) expect(projected).toEqual([]);
		await eventually(
			async () => expect(await itemsOf(ctx.citizen.id, 'economy')).toHaveLength(1),
			PROJECTED_WITHIN_MS
		);
		a.destroy();
		b.destroy();
	});

	it('projects what is waiting when it is closed, without waiting for the quiet moment', async () => {
		const make = factories(ctx.db);
		const team = await make.organisation('icm_team', 'ICM Luk');
		const manager = await make.user('case_manager', team.id);
		const citizen = await make.citizen(team.id, manager.id, 'Lukas');
		const name = planDocumentName(citizen.id, 'daily_activities');
		const scheduler = new ProjectionScheduler(ctx.db, { delayMs: 60_000 });
		const live = new Y.Doc();
		addGoal(dimensionRoots(live).goals, 'Værested om tirsdagen');
		scheduler.changed(
			{ documentName: name, citizenId: citizen.id, section: 'daily_activities' },
			live,
			manager.id
		);
		expect(await itemsOf(citizen.id, 'daily_activities')).toEqual([]);
		await scheduler.close();
		expect((await itemsOf(citizen.id, 'daily_activities')).map((row) => row.title)).toEqual([
			'Værested om tirsdagen'
		]);
		expect((await revisionOf(citizen.id, 'daily_activities'))[0]?.lastRevisedBy).toBe(manager.id);
	});
	it('writes no rows while only text is typed; the revision time follows within the set time, or when the document rests', async () => {
		const make = factories(ctx.db);
		const team = await make.organisation('icm_team', 'ICM Tekst');
		const manager = await make.user('case_manager', team.id);
		const colleague = await make.user('case_manager', team.id);
		const citizen = await make.citizen(team.id, manager.id, 'Tekla');
		const name = planDocumentName(citizen.id, 'housing');
		const target = { documentName: name, citizenId: citizen.id, section: 'housing' };
		const scheduler = new ProjectionScheduler(ctx.db, { delayMs: 10, revisionEveryMs: 2000 });
		const live = new Y.Doc();
		const type = (text: string) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(text)]);
			dimensionRoots(live).situation.push([paragraph]);
		};
		const revision = async () => (await revisionOf(citizen.id, 'housing'))[0];

		addGoal(dimensionRoots(live).goals, 'Egen bolig');
		const first = new Date(Date.now() - 3000);
		scheduler.changed(target, live, manager.id, first);
		await eventually(async () => expect((await revision())?.lastRevisedAt).toEqual(first));
		const [goal] = await itemsOf(citizen.id, 'housing');

		type('Bor på herberget');
		const typed = new Date(first.getTime() + 1000);
		scheduler.changed(target, live, colleague.id, typed);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect((await revision())?.lastRevisedAt, 'only text changed: nothing written yet').toEqual(
			first
		);
		await eventually(async () =>
			expect(await revision()).toMatchObject({ lastRevisedAt: typed, lastRevisedBy: colleague.id })
		);
		expect(await itemsOf(citizen.id, 'housing'), 'the goal row was not rewritten').toEqual([goal]);

		type('Har set en lejlighed');
		const rested = new Date(first.getTime() + 2000);
		scheduler.changed(target, live, manager.id, rested);
		await scheduler.flush(name, true);
		expect(await revision()).toMatchObject({ lastRevisedAt: rested, lastRevisedBy: manager.id });
		await scheduler.close();
	});
});

describe('projectSection', () => {
	it('never fails on what a client wrote: unknown owners, impossible dates, copied ids, NUL', async () => {
		const make = factories(ctx.db);
		const team = await make.organisation('icm_team', 'ICM Skæv');
		const manager = await make.user('case_manager', team.id);
		const citizen = await make.citizen(team.id, manager.id, 'Sigurd');
		const act = (
			id: string,
			what: string,
			ownerKind: PlanAction['ownerKind'] = null,
			ownerId: string | null = null,
			due: string | null = null
		): PlanAction => ({ id, what, ownerKind, ownerId, ownerLabel: '', due, status: 'in_progress' });
		const data: SectionData = {
			section: 'custom:kaeledyr',
			schemaVersion: 1,
			kind: 'dimension',
			situation: { blocks: [], plain: '' },
			goals: [
				{
					id: 'g1',
					title: 'Hunden\u0000 bliver boende',
					subgoals: [{ id: 's1', title: 'Hundepension ved indlæggelse' }],
					actions: [
						act('a1', 'Ring', 'user', 'ikke-en-uuid'),
						act('a2', 'Søg', 'organisation', crypto.randomUUID()),
						act('a3', 'Aftal', 'user', manager.id, '2030-02-31'),
						act('a1', 'Kopi'),
						act('x'.repeat(500), 'Lang')
					]
				}
			]
		};
		const at = new Date('2030-03-01T10:00:00Z');
		expect(await projectSection(ctx.db, citizen.id, 'custom:kaeledyr', data, manager.id, at)).toBe(
			true
		);
		const rows = await itemsOf(citizen.id, 'custom:kaeledyr');
		expect(rows.map((row) => [row.itemId, row.title])).toEqual([
			['g1', 'Hunden bliver boende'],
			['s1', 'Hundepension ved indlæggelse'],
			['a3', 'Aftal'],
			['a1', 'Ring'],
			['a2', 'Søg']
		]);
		const byId = new Map(rows.map((row) => [row.itemId, row]));
		expect(byId.get('a1')).toMatchObject({ ownerUserId: null, status: 'in_progress' });
		expect(byId.get('a2')).toMatchObject({ ownerOrganisationId: null });
		expect(byId.get('a3')).toMatchObject({ ownerUserId: manager.id, dueOn: null });
		expect(byId.get('s1')).toMatchObject({ kind: 'subgoal', parentItemId: 'g1', status: null });

		// An older revision arriving late (another instance, a backfill) changes nothing.
		const older = { ...data, goals: [] };
		expect(
			await projectSection(
				ctx.db,
				citizen.id,
				'custom:kaeledyr',
				older,
				null,
				new Date(at.getTime() - 1)
			)
		).toBe(false);
		expect(await itemsOf(citizen.id, 'custom:kaeledyr')).toHaveLength(5);
		expect((await revisionOf(citizen.id, 'custom:kaeledyr'))[0]).toMatchObject({
			lastRevisedAt: at,
			lastRevisedBy: manager.id
		});
	});
});

describe("a partner's open actions", () => {
	const NOW = fromCopenhagenLocal('2030-03-01T08:00');

	/** Plans written straight to the store, as the server would have stored them. */
	function planStore(authorId: string) {
		const docs = new Map<string, Y.Doc>();
		return async (citizenId: string, section: SectionKey, edit: (doc: Y.Doc) => void) => {
			const name = planDocumentName(citizenId, section);
			await ensureDocument(ctx.db, name, citizenId, section);
			const document = docs.get(name) ?? new Y.Doc();
			docs.set(name, document);
			const before = Y.encodeStateVector(document);
			edit(document);
			await ctx.db
				.insert(planUpdates)
				.values({ documentName: name, update: Y.encodeStateAsUpdate(document, before), authorId });
		};
	}

	async function setting() {
		const make = factories(ctx.db);
		const team = await make.organisation('icm_team', 'ICM Bolig');
		const housingOffice = await make.organisation('boligkontor', 'Boligkontoret');
		const other = await make.organisation('misbrugsbehandling', 'Rusmiddelcentret');
		const manager = await make.user('case_manager', team.id, { name: 'Mette' });
		const partner = await make.user('partner', housingOffice.id, { name: 'Bo Bolig' });
		const ali = await make.citizen(team.id, manager.id, 'Ali');
		const bent = await make.citizen(team.id, manager.id, 'Bent');
		const consent = await make.consent(ali.id, housingOffice.id, ['housing'], {
			recordedBy: manager.id
		});
		const store = planStore(manager.id);
		const ours = { kind: 'organisation' as const, id: housingOffice.id, label: 'Boligkontoret' };
		const theirs = { kind: 'organisation' as const, id: other.id, label: 'Rusmiddelcentret' };
		const actionsOf = (doc: Y.Doc) => itemArray(dimensionRoots(doc).goals.get(0), 'actions')!;

		await store(ali.id, 'housing', (doc) => {
			addGoal(dimensionRoots(doc).goals, 'Egen lejlighed');
			addSubgoal(itemArray(dimensionRoots(doc).goals.get(0), 'subgoals')!, 'Ryddet gæld');
		});
		await store(ali.id, 'housing', (doc) => {
			const actions = actionsOf(doc);
			addAction(actions, { what: 'Anvis lejlighed', owner: ours, due: '2030-04-15' });
			addAction(actions, { what: 'Svar på ansøgning', owner: ours, due: '2030-02-20' });
			addAction(actions, { what: 'Husordensmøde', owner: ours });
			addAction(actions, {
				what: 'Ring til Ali',
				owner: { kind: 'user', id: partner.id, label: 'Bo Bolig' },
				due: '2030-03-10'
			});
			addAction(actions, { what: 'Behandlingsplan', owner: theirs, due: '2030-03-02' });
			addAction(actions, { what: 'Depositum betalt', owner: ours, due: '2030-01-05' });
		});
		await store(ali.id, 'housing', (doc) => actionsOf(doc).get(5).set('status', 'done'));
		await store(ali.id, 'housing', (doc) => actionsOf(doc).get(1).set('status', 'in_progress'));
		// Economy is not shared with the housing office, nor is anything of Bent's.
		await store(ali.id, 'economy', (doc) => {
			addGoal(dimensionRoots(doc).goals, 'Overblik');
			addAction(actionsOf(doc), { what: 'Huslejerestance', owner: ours, due: '2030-02-01' });
		});
		await store(bent.id, 'housing', (doc) => {
			addGoal(dimensionRoots(doc).goals, 'Bolig');
			addAction(actionsOf(doc), { what: 'Bents lejlighed', owner: ours, due: '2030-02-01' });
		});
		await projectCitizen(ctx.db, ali.id);
		await projectCitizen(ctx.db, bent.id);
		return { manager, partner, ali, bent, consent, store, ours, actionsOf };
	}

	it('lists the open actions of consented sections, overdue first and undated last, and audits each', async () => {
		const s = await setting();
		const listed = await listPartnerOpenActions(ctx.db, actorOf(s.partner), NOW);
		expect(listed.map((a) => [a.what, a.due, a.overdue, a.status])).toEqual([
			['Svar på ansøgning', '2030-02-20', true, 'in_progress'],
			['Ring til Ali', '2030-03-10', false, 'open'],
			['Anvis lejlighed', '2030-04-15', false, 'open'],
			['Husordensmøde', null, false, 'open']
		]);
		expect(listed.every((a) => a.citizenName === 'Ali Borger' && a.section === 'housing')).toBe(
			true
		);
		const audit = await ctx.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.actorId, s.partner.id), eq(auditEvents.action, 'plan.read')));
		expect(audit).toMatchObject([
			{
				citizenId: s.ali.id,
				resource: planDocumentName(s.ali.id, 'housing'),
				purpose: 'partner open actions',
				grant: 'consent',
				grantId: s.consent.id
			}
		]);
		expect(
			await listPartnerOpenActions(ctx.db, actorOf(s.manager), NOW),
			'only partners have this list'
		).toEqual([]);
	});

	it('names an action of a shared own section by the name the plan gave it', async () => {
		const s = await setting();
		const own = await addCustomSection(ctx.db, actorOf(s.manager), s.ali.id, 'Hunden');
		await store(s, own);
		await recordConsent(ctx.db, actorOf(s.manager), s.ali.id, {
			organisationId: s.partner.organisationId!,
			sections: [own],
			purpose: 'Pasning af hunden',
			givenOn: '2026-11-01'
		});
		const listed = await listPartnerOpenActions(ctx.db, actorOf(s.partner), NOW);
		expect(listed.find((a) => a.what === 'Find hundepasser')).toMatchObject({
			section: own,
			sectionTitle: 'Hunden'
		});
		expect(
			listed.filter((a) => a.section === 'housing').every((a) => a.sectionTitle === null)
		).toBe(true);

		async function store(at: Awaited<ReturnType<typeof setting>>, section: typeof own) {
			await at.store(at.ali.id, section, (doc) => {
				addGoal(dimensionRoots(doc).goals, 'Hunden passes');
				addAction(at.actionsOf(doc), {
					what: 'Find hundepasser',
					owner: at.ours,
					due: '2030-05-01'
				});
			});
			await projectCitizen(ctx.db, at.ali.id);
		}
	});

	it('lists nothing once the consent is revoked', async () => {
		const s = await setting();
		expect(await listPartnerOpenActions(ctx.db, actorOf(s.partner), NOW)).toHaveLength(4);
		await revokeConsent(ctx.db, actorOf(s.manager), s.ali.id, s.consent.id);
		expect(await listPartnerOpenActions(ctx.db, actorOf(s.partner), NOW)).toEqual([]);
	});

	it('catches up on a stored edit that was never projected', async () => {
		const s = await setting();
		// Stored, but the server stopped before its projection ran.
		await s.store(s.ali.id, 'housing', (doc) =>
			addAction(s.actionsOf(doc), { what: 'Nøgleudlevering', owner: s.ours, due: '2030-03-20' })
		);
		expect(
			(await listPartnerOpenActions(ctx.db, actorOf(s.partner), NOW)).map((a) => a.what)
		).not.toContain('Nøgleudlevering');
		await projectStale(ctx.db);
		expect(
			(await listPartnerOpenActions(ctx.db, actorOf(s.partner), NOW)).map((a) => a.what)
		).toContain('Nøgleudlevering');
		const [revision] = await revisionOf(s.ali.id, 'housing');
		expect(revision?.lastRevisedBy).toBe(s.manager.id);
	});
});
