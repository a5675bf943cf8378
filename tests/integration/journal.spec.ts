import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/lib/server/db/schema';
import {
	addAddendum,
	correctContact,
	JournalError,
	logContact,
	readJournal
} from '../../src/lib/server/journal/contacts';
import { searchCitizens } from '../../src/lib/server/citizens/search';
import { parseContact } from '../../src/lib/server/journal/form';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let handle: Awaited<ReturnType<typeof startTestRuntime>>;
let ctx: Awaited<ReturnType<typeof setup>>;

async function setup() {
	const make = factories(handle.db);
	const team = await make.organisation('icm_team');
	const jobcenter = await make.organisation('jobcenter');
	const caseManager = actorOf(await make.user('case_manager', team.id, { name: 'Kamma Kontakt' }));
	const colleague = actorOf(await make.user('case_manager', team.id));
	const leader = actorOf(await make.user('team_leader', team.id));
	const partner = actorOf(await make.user('partner', jobcenter.id));
	const citizen = await make.citizen(team.id, caseManager.userId, 'Journal');
	await make.consent(citizen.id, jobcenter.id, ['education_employment'], {
		recordedBy: caseManager.userId
	});
	return { caseManager, colleague, leader, partner, citizen };
}

const now = new Date('2026-11-23T12:00:00Z');
function visit(clientId: string, note = 'Besøg i lejligheden. Køleskabet er tomt.') {
	const parsed = parseContact(
		{
			clientId,
			occurredAt: '2026-11-23T11:00:00Z',
			kind: 'visit',
			place: 'own_home',
			durationMinutes: '45',
			note
		},
		now
	);
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.value;
}

beforeAll(async () => {
	handle = await startTestRuntime();
	ctx = await setup();
});
afterAll(async () => {
	await stopRuntime();
});

describe(`contact journal on ${testDatabaseEngine}`, () => {
	it('stores an entry sent twice (offline retry) exactly once', async () => {
		const clientId = crypto.randomUUID();
		const first = await logContact(handle.db, ctx.caseManager, ctx.citizen.id, visit(clientId));
		const again = await logContact(handle.db, ctx.caseManager, ctx.citizen.id, visit(clientId));
		expect(first.created).toBe(true);
		expect(again).toEqual({ id: first.id, created: false });
		const rows = await handle.db.select().from(contacts).where(eq(contacts.clientId, clientId));
		expect(rows).toHaveLength(1);
	});

	it('lets the author correct within the window, keeps what it said, and then only allows addenda', async () => {
		const { id } = await logContact(
			handle.db,
			ctx.caseManager,
			ctx.citizen.id,
			visit(crypto.randomUUID(), 'Første udgave')
		);
		const { clientId: _c, ...changes } = visit(crypto.randomUUID(), 'Rettet udgave');
		await expect(
			correctContact(handle.db, ctx.colleague, ctx.citizen.id, id, changes)
		).rejects.toBeInstanceOf(JournalError);
		await correctContact(handle.db, ctx.caseManager, ctx.citizen.id, id, changes);
		const dayLater = new Date(Date.now() + 25 * 3600 * 1000);
		await expect(
			correctContact(handle.db, ctx.caseManager, ctx.citizen.id, id, changes, dayLater)
		).rejects.toMatchObject({ code: 'window_closed' });
		await addAddendum(handle.db, ctx.caseManager, ctx.citizen.id, id, 'Borgeren ringede senere.');

		const journal = await readJournal(handle.db, ctx.caseManager, ctx.citizen.id);
		const entry = journal.find((e) => e.id === id)!;
		expect(entry.note).toBe('Rettet udgave');
		expect(entry.revisions.map((r) => (r.previous as { note: string }).note)).toEqual([
			'Første udgave'
		]);
		expect(entry.revisions[0]?.revisedBy).toBe('Kamma Kontakt');
		expect(entry.addenda.map((a) => a.text)).toEqual(['Borgeren ringede senere.']);
	});

	it('a team leader reads the journal; a partner and an unrelated colleague cannot read or write it', async () => {
		expect((await readJournal(handle.db, ctx.leader, ctx.citizen.id)).length).toBeGreaterThan(0);
		await expect(
			logContact(handle.db, ctx.leader, ctx.citizen.id, visit(crypto.randomUUID()))
		).rejects.toMatchObject({ code: 'forbidden' });
		for (const outsider of [ctx.partner, ctx.colleague]) {
			await expect(readJournal(handle.db, outsider, ctx.citizen.id)).rejects.toMatchObject({
				code: 'forbidden'
			});
		}
	});

	it('refuses the future, absurd durations and overlong notes with a reason', () => {
		const base = { clientId: crypto.randomUUID(), kind: 'phone', place: 'phone', note: '' };
		const at = (occurredAt: string, durationMinutes: string) =>
			parseContact({ ...base, occurredAt, durationMinutes }, now);
		expect(at('2026-11-23T12:05:00Z', '10').ok).toBe(true);
		expect(at('2026-11-23T13:00:00Z', '10')).toEqual({ ok: false, error: 'future' });
		expect(at('2026-11-23T11:00:00Z', '-5')).toEqual({ ok: false, error: 'duration' });
		expect(at('2026-11-23T11:00:00Z', '5000')).toEqual({ ok: false, error: 'duration' });
		expect(
			parseContact(
				{
					...base,
					occurredAt: '2026-11-23T11:00:00Z',
					durationMinutes: '5',
					note: 'x'.repeat(4001)
				},
				now
			)
		).toEqual({ ok: false, error: 'note_too_long' });
		expect(
			parseContact(
				{ ...base, kind: 'telepathy', occurredAt: '2026-11-23T11:00:00Z', durationMinutes: '5' },
				now
			)
		).toEqual({
			ok: false,
			error: 'input'
		});
	});
});

describe(`lost contact on ${testDatabaseEngine}`, () => {
	it("'Mine borgere' escalates a citizen reached 15 days ago, however often they were attempted since", async () => {
		const { listMyCitizens } = await import('../../src/lib/server/caseload/my-citizens');
		const make = factories(handle.db);
		const team = await make.organisation('icm_team');
		const caseManager = actorOf(await make.user('case_manager', team.id));
		const quiet = await make.citizen(team.id, caseManager.userId, 'Stille');
		const today = new Date();
		const daysAgo = (n: number) => new Date(today.getTime() - n * 24 * 3600 * 1000);
		const log = (kind: 'visit' | 'attempt', when: Date) =>
			logContact(handle.db, caseManager, quiet.id, {
				clientId: crypto.randomUUID(),
				occurredAt: when,
				kind,
				place: 'own_home',
				durationMinutes: 20,
				note: ''
			});
		await log('visit', daysAgo(15));
		await log('attempt', daysAgo(3));
		await log('attempt', daysAgo(1));
		const before = await listMyCitizens(handle.db, caseManager, today);
		expect(before.citizens[0]?.followUp).toEqual({
			daysSinceContact: 15,
			daysSinceAttempt: 1,
			level: 'escalate'
		});
		await log('visit', daysAgo(0));
		const after = await listMyCitizens(handle.db, caseManager, today);
		expect(after.citizens[0]?.followUp.level).toBe('ok');
		expect(after.citizens[0]?.outreach).toBeUndefined();
	});

	it('a lost-contact alert carries the outreach agreement made with the citizen', async () => {
		const { listMyCitizens } = await import('../../src/lib/server/caseload/my-citizens');
		const Y = await import('yjs');
		const { outreachRoots } = await import('../../src/lib/plan/schema');
		const { addContact, setLetIn } = await import('../../src/lib/plan/items');
		const { ensureDocument, storeUpdates } =
			await import('../../src/lib/server/realtime/yjs/persistence');
		const make = factories(handle.db);
		const team = await make.organisation('icm_team');
		const caseManager = actorOf(await make.user('case_manager', team.id));
		const citizen = await make.citizen(team.id, caseManager.userId, 'Forsvundet');
		const name = `plan/${citizen.id}/outreach`;
		const doc = new Y.Doc();
		const roots = outreachRoots(doc);
		setLetIn(roots.agreement, 'ask_first');
		addContact(roots.whomToCall, { name: 'Lise', relation: 'søster', phone: '12 34 56 78' });
		await ensureDocument(handle.db, name, citizen.id, 'outreach');
		await storeUpdates(handle.db, [
			{ documentName: name, update: Y.encodeStateAsUpdate(doc), authorId: caseManager.userId }
		]);
		// Referred 20 days ago and never reached.
		const now = new Date(citizen.referredAt.getTime() + 20 * 24 * 3600 * 1000);
		const { citizens } = await listMyCitizens(handle.db, caseManager, now);
		expect(citizens[0]?.followUp.level).toBe('escalate');
		expect(citizens[0]?.outreach).toEqual({
			mayLetThemselvesIn: 'ask_first',
			whomToCall: [{ name: 'Lise', relation: 'søster', phone: '12 34 56 78' }]
		});
	});

	it('a note with pasted control characters is stored with every other character, not refused', async () => {
		const pasted = 'Kopieret fra sms:\u0000 ring til lægen\ud800 i morgen';
		const { id } = await logContact(
			handle.db,
			ctx.caseManager,
			ctx.citizen.id,
			visit(crypto.randomUUID(), pasted)
		);
		const [row] = await handle.db.select().from(contacts).where(eq(contacts.id, id));
		expect(row?.note).toBe('Kopieret fra sms:\ufffd ring til lægen\ufffd i morgen');
		// The search takes it too, as text that finds nobody rather than a server error.
		const found = await searchCitizens(handle.db, ctx.caseManager, 'Jour\u0000nal');
		expect(found.citizens).toEqual([]);
	});
});
