import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromCopenhagenLocal } from '../../src/lib/dates';
import { addAction, addContact, addGoal, setLetIn } from '../../src/lib/plan/items';
import { dimensionRoots, itemArray, outreachRoots } from '../../src/lib/plan/schema';
import { planDocumentName, type SectionKey } from '../../src/lib/plan/sections';
import type { Database } from '../../src/lib/server/db/client';
import { appointments, auditEvents, citizens, contacts } from '../../src/lib/server/db/schema';
import { logContact } from '../../src/lib/server/journal/contacts';
import { readEscalations } from '../../src/lib/server/journal/escalations';
import { readMyDay } from '../../src/lib/server/journal/my-day';
import { ensureDocument, storeUpdates } from '../../src/lib/server/realtime/yjs/persistence';
import { runtime, stopRuntime, type RealtimePublication } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let db: Database;
beforeAll(async () => {
	db = (await startTestRuntime()).db;
});
afterEach(() => {
	runtime().publish = undefined;
});
afterAll(async () => {
	await stopRuntime();
});

/** A winter morning: Copenhagen is UTC+1, so the Danish day starts at 23:00 UTC the day before. */
const NOW = fromCopenhagenLocal('2030-01-15T08:00');
const at = (local: string) => fromCopenhagenLocal(local);
const daysBefore = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

/**
 * Team Nord: Mette's Ali (last reached 20 days ago) and Bo (9 days ago); Jonas's Cai, whom Mette
 * covers now, and Dan, never reached and not hers. Erik belongs to another team; Frida has ended.
 */
async function team() {
	const f = factories(db);
	const nord = await f.organisation('icm_team', 'ICM Nord');
	const syd = await f.organisation('icm_team', 'ICM Syd');
	const mette = await f.user('case_manager', nord.id, { name: 'Mette' });
	const jonas = await f.user('case_manager', nord.id, { name: 'Jonas' });
	const leader = await f.user('team_leader', nord.id, { name: 'Hanne' });
	const otherLeader = await f.user('team_leader', syd.id, { name: 'Kristian' });
	const peter = await f.user('case_manager', syd.id, { name: 'Peter' });
	const ali = await f.citizen(nord.id, mette.id, 'Ali');
	const bo = await f.citizen(nord.id, mette.id, 'Bo');
	const cai = await f.citizen(nord.id, jonas.id, 'Cai');
	const dan = await f.citizen(nord.id, jonas.id, 'Dan');
	const erik = await f.citizen(syd.id, peter.id, 'Erik');
	const frida = await f.citizen(nord.id, jonas.id, 'Frida');
	await db
		.update(citizens)
		.set({ referredAt: daysBefore(60) })
		.where(inArray(citizens.teamId, [nord.id, syd.id]));
	await db.update(citizens).set({ status: 'ended' }).where(eq(citizens.id, frida.id));
	await reach(ali.id, mette.id, daysBefore(20));
	await reach(ali.id, mette.id, daysBefore(2), 'attempt');
	await reach(bo.id, mette.id, daysBefore(9));
	await reach(cai.id, jonas.id, daysBefore(3));
	await f.cover(cai.id, jonas.id, mette.id, {
		startsAt: daysBefore(1),
		endsAt: at('2030-01-17T16:00')
	});
	// Starts tomorrow: not hers yet.
	await f.cover(dan.id, jonas.id, mette.id, {
		startsAt: at('2030-01-16T08:00'),
		endsAt: at('2030-01-18T16:00')
	});
	return { nord, syd, mette, jonas, leader, otherLeader, peter, ali, bo, cai, dan, erik, frida };
}

function reach(
	citizenId: string,
	authorId: string,
	occurredAt: Date,
	kind: 'visit' | 'attempt' = 'visit'
) {
	return db.insert(contacts).values({
		clientId: crypto.randomUUID(),
		citizenId,
		authorId,
		occurredAt,
		kind,
		place: 'own_home',
		durationMinutes: 30
	});
}

function book(
	citizenId: string,
	userId: string,
	local: string,
	title: string,
	extra: Partial<typeof appointments.$inferInsert> = {}
) {
	return db
		.insert(appointments)
		.values({ citizenId, userId, startsAt: at(local), title, place: 'own_home', ...extra });
}

async function storeSection(
	citizenId: string,
	section: SectionKey,
	authorId: string,
	edit: (doc: Y.Doc) => void
) {
	const name = planDocumentName(citizenId, section);
	const doc = new Y.Doc();
	edit(doc);
	await ensureDocument(db, name, citizenId, section);
	await storeUpdates(db, [{ documentName: name, update: Y.encodeStateAsUpdate(doc), authorId }]);
}

function actionsOf(doc: Y.Doc) {
	const goals = dimensionRoots(doc).goals;
	addGoal(goals, 'Mål');
	return itemArray(goals.get(0), 'actions')!;
}

describe(`"Min dag" (${testDatabaseEngine})`, () => {
	it("shows today's appointments by the Copenhagen day, in time order, for my citizens and those I cover", async () => {
		const t = await team();
		await book(t.bo.id, t.mette.id, '2030-01-15T14:00', 'Jobcenter', {
			place: 'partner_office',
			endsAt: at('2030-01-15T15:00')
		});
		await book(t.ali.id, t.mette.id, '2030-01-15T10:00', 'Besøg');
		// 23:30 UTC on the 14th, but already the 15th in Copenhagen.
		await book(t.ali.id, t.mette.id, '2030-01-15T00:30', 'Nattevagt på herberget');
		await book(t.ali.id, t.mette.id, '2030-01-14T23:30', 'I går');
		// Still the 15th in UTC, but the 16th in Copenhagen.
		await book(t.ali.id, t.mette.id, '2030-01-16T00:30', 'I morgen');
		await book(t.bo.id, t.mette.id, '2030-01-15T12:00', 'Aflyst', { cancelledAt: daysBefore(1) });
		// Jonas booked Cai before falling ill; Mette covers Cai now. Dan is not hers (yet).
		await book(t.cai.id, t.jonas.id, '2030-01-15T09:00', 'Lægebesøg');
		await book(t.dan.id, t.jonas.id, '2030-01-15T11:00', 'Dans aftale');
		await book(t.erik.id, t.peter.id, '2030-01-15T09:30', 'Eriks aftale');

		const day = await readMyDay(db, actorOf(t.mette), NOW);
		expect(day.today).toBe('2030-01-15');
		expect(day.appointments.map((a) => [a.title, a.citizenName, a.place, a.bookedBy])).toEqual([
			['Nattevagt på herberget', 'Ali Borger', 'own_home', null],
			['Lægebesøg', 'Cai Borger', 'own_home', 'Jonas'],
			['Besøg', 'Ali Borger', 'own_home', null],
			['Jobcenter', 'Bo Borger', 'partner_office', null]
		]);
		expect(day.appointments[3]!.endsAt).toEqual(at('2030-01-15T15:00'));
	});

	it('a citizen past the escalation threshold shows with the outreach agreement until a real contact, and an attempt does not clear it', async () => {
		const t = await team();
		await storeSection(t.ali.id, 'outreach', t.mette.id, (doc) => {
			const roots = outreachRoots(doc);
			setLetIn(roots.agreement, 'ask_first');
			addContact(roots.whomToCall, { name: 'Lise', relation: 'søster', phone: '12 34 56 78' });
		});
		const mette = actorOf(t.mette);
		const before = await readMyDay(db, mette, NOW);
		expect(before.lostContact).toEqual([
			{
				id: t.ali.id,
				name: 'Ali Borger',
				followUp: { daysSinceContact: 20, daysSinceAttempt: 2, level: 'escalate' },
				outreach: {
					mayLetThemselvesIn: 'ask_first',
					whomToCall: [{ name: 'Lise', relation: 'søster', phone: '12 34 56 78' }]
				}
			}
		]);
		expect(before.approaching.map((c) => [c.name, c.followUp.daysSinceContact])).toEqual([
			['Bo Borger', 9]
		]);

		const log = (kind: 'attempt' | 'phone', occurredAt: Date) =>
			logContact(db, mette, t.ali.id, {
				clientId: crypto.randomUUID(),
				occurredAt,
				kind,
				place: kind === 'phone' ? 'phone' : 'own_home',
				durationMinutes: 10,
				note: ''
			});
		await log('attempt', daysBefore(0.1));
		const afterAttempt = await readMyDay(db, mette, NOW);
		expect(afterAttempt.lostContact.map((c) => [c.id, c.followUp.daysSinceAttempt])).toEqual([
			[t.ali.id, 0]
		]);

		await log('phone', daysBefore(0.05));
		const afterContact = await readMyDay(db, mette, NOW);
		expect(afterContact.lostContact).toEqual([]);
		expect(afterContact.approaching.map((c) => c.id)).toEqual([t.bo.id]);
	});

	it('lists open plan actions due up to a week ahead, overdue first, and leaves out done, undated and later ones', async () => {
		const t = await team();
		await storeSection(t.ali.id, 'housing', t.mette.id, (doc) => {
			const actions = actionsOf(doc);
			addAction(actions, {
				what: 'Indflytning',
				due: '2030-01-22',
				owner: { kind: 'user', id: t.mette.id, label: 'Mette' }
			});
			addAction(actions, { what: 'Søg boligstøtte', due: '2030-01-10' });
			addAction(actions, { what: 'Besigtigelse', due: '2030-01-15' });
			addAction(actions, { what: 'Køb møbler', due: '2030-01-23' });
			addAction(actions, { what: 'Uden frist' });
			addAction(actions, { what: 'Klaret', due: '2030-01-12' });
			addAction(actions, { what: 'Opgivet', due: '2030-01-13' });
			actions.get(2).set('status', 'in_progress');
			actions.get(5).set('status', 'done');
			actions.get(6).set('status', 'cancelled');
		});
		await storeSection(t.bo.id, 'economy', t.mette.id, (doc) => {
			addAction(actionsOf(doc), { what: 'Budget med Bo', due: '2030-01-08' });
		});
		await storeSection(t.cai.id, 'physical_health', t.jonas.id, (doc) => {
			addAction(actionsOf(doc), { what: 'Lægetid', due: '2030-01-16' });
		});
		await storeSection(t.dan.id, 'housing', t.jonas.id, (doc) => {
			addAction(actionsOf(doc), { what: 'Dans handling', due: '2030-01-15' });
		});

		const day = await readMyDay(db, actorOf(t.mette), NOW);
		expect(day.actions.map((a) => [a.what, a.citizenName, a.section, a.due, a.when])).toEqual([
			['Budget med Bo', 'Bo Borger', 'economy', '2030-01-08', 'overdue'],
			['Søg boligstøtte', 'Ali Borger', 'housing', '2030-01-10', 'overdue'],
			['Besigtigelse', 'Ali Borger', 'housing', '2030-01-15', 'today'],
			['Lægetid', 'Cai Borger', 'physical_health', '2030-01-16', 'soon'],
			['Indflytning', 'Ali Borger', 'housing', '2030-01-22', 'soon']
		]);
		expect(day.actions[2]!.status).toBe('in_progress');
		expect(day.actions[4]!.owner).toBe('Mette');

		const reads = await db
			.select({ citizenId: auditEvents.citizenId })
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.actorId, t.mette.id),
					eq(auditEvents.action, 'plan.read'),
					eq(auditEvents.purpose, 'my day')
				)
			);
		expect(reads.map((r) => r.citizenId).sort()).toEqual([t.ali.id, t.bo.id, t.cai.id].sort());
	});

	it("includes the citizens I cover now, and never another case manager's citizens", async () => {
		const t = await team();
		const day = await readMyDay(db, actorOf(t.mette), NOW);
		expect(day.covers).toEqual([
			{ citizenId: t.cai.id, name: 'Cai Borger', forName: 'Jonas', endsAt: at('2030-01-17T16:00') }
		]);
		const shown = [
			...day.appointments.map((a) => a.citizenId),
			...day.lostContact.map((c) => c.id),
			...day.approaching.map((c) => c.id),
			...day.actions.map((a) => a.citizenId),
			...day.covers.map((c) => c.citizenId)
		];
		for (const other of [t.dan.id, t.erik.id, t.frida.id]) expect(shown).not.toContain(other);

		// Jonas sees his own Dan (never reached) as lost, and nothing of Mette's.
		const jonas = await readMyDay(db, actorOf(t.jonas), NOW);
		expect(jonas.lostContact.map((c) => c.id)).toEqual([t.dan.id]);
		expect(jonas.covers).toEqual([]);
	});
});

describe(`the team leader's lost-contact list (${testDatabaseEngine})`, () => {
	// Erik (Syd, never reached) and Frida (ended) are past the threshold too, but not on the list.
	it("holds exactly the team's active citizens past the threshold, longest first, with case manager and agreement", async () => {
		const t = await team();
		await storeSection(t.ali.id, 'outreach', t.mette.id, (doc) => {
			setLetIn(outreachRoots(doc).agreement, 'yes');
		});
		const list = await readEscalations(db, actorOf(t.leader), t.nord.id, NOW);
		expect(list).toEqual({
			escalateDays: 14,
			citizens: [
				{
					id: t.dan.id,
					name: 'Dan Borger',
					followUp: { daysSinceContact: null, daysSinceAttempt: null, level: 'escalate' },
					caseManager: 'Jonas',
					// Nothing agreed yet: the list says so rather than hiding the question.
					outreach: { mayLetThemselvesIn: 'unset', whomToCall: [] }
				},
				{
					id: t.ali.id,
					name: 'Ali Borger',
					followUp: { daysSinceContact: 20, daysSinceAttempt: 2, level: 'escalate' },
					caseManager: 'Mette',
					outreach: { mayLetThemselvesIn: 'yes', whomToCall: [] }
				}
			]
		});

		await logContact(db, actorOf(t.mette), t.ali.id, {
			clientId: crypto.randomUUID(),
			occurredAt: daysBefore(0.1),
			kind: 'visit',
			place: 'own_home',
			durationMinutes: 30,
			note: 'Fandt ham på herberget.'
		});
		const after = await readEscalations(db, actorOf(t.leader), t.nord.id, NOW);
		expect(after?.citizens.map((c) => c.id)).toEqual([t.dan.id]);
	});

	it("refuses a case manager and another team's leader, and records the refusal", async () => {
		const t = await team();
		for (const user of [t.mette, t.otherLeader]) {
			expect(await readEscalations(db, actorOf(user), t.nord.id, NOW)).toBeNull();
			const [refusal] = await db
				.select({ allowed: auditEvents.allowed })
				.from(auditEvents)
				.where(
					and(
						eq(auditEvents.actorId, user.id),
						eq(auditEvents.resource, `team/${t.nord.id}/lost-contact`)
					)
				);
			expect(refusal?.allowed).toBe('deny');
		}
	});

	it('a stored contact is announced to the team, the author and the primary case manager; an offline replay is not', async () => {
		const t = await team();
		// Mette covers Cai for Jonas right now (logging asks the policy at the real time).
		await factories(db).cover(t.cai.id, t.jonas.id, t.mette.id, {
			startsAt: new Date(Date.now() - 3_600_000),
			endsAt: new Date(Date.now() + 3_600_000)
		});
		const events: RealtimePublication[] = [];
		runtime().publish = (event) => events.push(event);
		const input = {
			clientId: crypto.randomUUID(),
			occurredAt: new Date(),
			kind: 'phone' as const,
			place: 'phone' as const,
			durationMinutes: 5,
			note: ''
		};
		await logContact(db, actorOf(t.mette), t.cai.id, input);
		expect(events).toHaveLength(1);
		expect(events[0]!.topic).toBe('journal');
		expect(events[0]!.payload).toEqual({ citizenId: t.cai.id });
		expect([...events[0]!.rooms].sort()).toEqual(
			[`team:${t.nord.id}`, `user:${t.mette.id}`, `user:${t.jonas.id}`].sort()
		);

		expect((await logContact(db, actorOf(t.mette), t.cai.id, input)).created).toBe(false);
		expect(events).toHaveLength(1);
	});
});
