import { isHttpError } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCopenhagenLocal } from '../../src/lib/dates';
import type { Database } from '../../src/lib/server/db/client';
import {
	assignments,
	auditEvents,
	citizens,
	contactParticipants,
	contacts
} from '../../src/lib/server/db/schema';
import {
	addAddendum,
	correctContact,
	JournalError,
	logContact
} from '../../src/lib/server/journal/contacts';
import { readPrintableJournal } from '../../src/lib/server/journal/export';
import {
	supportHoursByCaseManager,
	supportHoursPerWeek
} from '../../src/lib/server/journal/support-hours';
import type { Actor } from '../../src/lib/server/policy';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';
import { load as loadPrintable } from '../../src/routes/(app)/borgere/[id]/journal/udskrift/+page.server';

let db: Database;
beforeAll(async () => {
	db = (await startTestRuntime()).db;
});
afterAll(async () => {
	await stopRuntime();
});

const at = fromCopenhagenLocal;
/** Wednesday of week 48, 2026: winter time, Copenhagen is UTC+1. */
const NOW = at('2026-11-25T12:00');

async function team(name: string) {
	const f = factories(db);
	const teamOrg = await f.organisation('icm_team', name);
	const mette = actorOf(await f.user('case_manager', teamOrg.id, { name: 'Mette Madsen' }));
	const amir = actorOf(await f.user('case_manager', teamOrg.id, { name: 'Amir Haddad' }));
	const leader = actorOf(await f.user('team_leader', teamOrg.id, { name: 'Hanne Holm' }));
	return { f, teamOrg, mette, amir, leader };
}

async function contact(
	citizenId: string,
	author: Actor,
	occurredAt: Date,
	durationMinutes: number,
	kind: (typeof contacts.$inferInsert)['kind'] = 'visit'
) {
	const [row] = await db
		.insert(contacts)
		.values({
			clientId: crypto.randomUUID(),
			citizenId,
			authorId: author.userId,
			occurredAt,
			kind,
			place: kind === 'phone' ? 'phone' : 'own_home',
			durationMinutes
		})
		.returning();
	return row!;
}

describe(`support hours and the printable journal on ${testDatabaseEngine}`, () => {
	it('sums hours per Copenhagen week with attempts apart and empty weeks as zero', async () => {
		const { f, teamOrg, mette } = await team('ICM Uger');
		const ali = await f.citizen(teamOrg.id, mette.userId, 'Ali');
		// Sunday 23:30 belongs to week 47, Monday 00:10 (still Sunday in UTC) to week 48.
		await contact(ali.id, mette, at('2026-11-22T23:30'), 60);
		await contact(ali.id, mette, at('2026-11-23T00:10'), 45);
		await contact(ali.id, mette, at('2026-11-23T09:00'), 30, 'attempt');
		await contact(ali.id, mette, at('2026-11-24T14:00'), 15, 'phone');
		// Week 45 has only an attempt; week 46 is empty.
		await contact(ali.id, mette, at('2026-11-06T10:00'), 20, 'attempt');
		// Before the twelve weeks: not counted.
		await contact(ali.id, mette, at('2026-08-30T23:30'), 90);

		const weeks = await supportHoursPerWeek(db, mette, ali.id, { now: NOW });

		expect(weeks).toHaveLength(12);
		expect(weeks[0]).toEqual({
			week: 'uge 37',
			weekStart: '2026-09-07',
			contactHours: 0,
			attemptHours: 0
		});
		expect(weeks.slice(-4)).toEqual([
			{ week: 'uge 45', weekStart: '2026-11-02', contactHours: 0, attemptHours: 20 / 60 },
			{ week: 'uge 46', weekStart: '2026-11-09', contactHours: 0, attemptHours: 0 },
			{ week: 'uge 47', weekStart: '2026-11-16', contactHours: 1, attemptHours: 0 },
			{ week: 'uge 48', weekStart: '2026-11-23', contactHours: 1, attemptHours: 0.5 }
		]);
		expect(weeks.slice(0, 8).every((w) => w.contactHours === 0 && w.attemptHours === 0)).toBe(true);
	});

	it('refuses a colleague without access and records the denial in the audit log', async () => {
		const { f, teamOrg, mette, amir } = await team('ICM Afvist');
		const bo = await f.citizen(teamOrg.id, mette.userId, 'Bo');
		await contact(bo.id, mette, at('2026-11-24T10:00'), 60);

		await expect(supportHoursPerWeek(db, amir, bo.id, { now: NOW })).rejects.toEqual(
			new JournalError('forbidden')
		);
		await expect(readPrintableJournal(db, amir, bo.id, NOW)).rejects.toBeInstanceOf(JournalError);

		const denials = await db
			.select({ purpose: auditEvents.purpose, action: auditEvents.action })
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.actorId, amir.userId),
					eq(auditEvents.citizenId, bo.id),
					eq(auditEvents.allowed, 'deny')
				)
			);
		expect(denials).toEqual(
			expect.arrayContaining([
				{ purpose: 'support intensity', action: 'journal.read' },
				{ purpose: 'journal export', action: 'journal.read' }
			])
		);
	});

	it('answers 404 on the printable journal page to a colleague without access, as the journal page does', async () => {
		const { f, teamOrg, mette, amir } = await team('ICM Side');
		const dan = await f.citizen(teamOrg.id, mette.userId, 'Dan');
		type LoadEvent = Parameters<typeof loadPrintable>[0];
		const open = async (actor: Actor) =>
			loadPrintable({ locals: { actor }, params: { id: dan.id } } as unknown as LoadEvent);

		const refused = await open(amir).catch((e: unknown) => e);
		expect(isHttpError(refused) && refused.status).toBe(404);
		const page = await open(mette);
		expect(page && page.journal.citizenName).toBe('Dan Borger');
	});

	it('prints every entry oldest first with the text before a correction and the addenda', async () => {
		const { f, teamOrg, mette, leader } = await team('ICM Udskrift');
		const citizen = await f.citizen(teamOrg.id, mette.userId, 'Camilla');
		const entry = (clientId: string, occurredAt: Date, note: string) => ({
			clientId,
			occurredAt,
			kind: 'visit' as const,
			place: 'own_home' as const,
			durationMinutes: 45,
			note
		});
		// Logged out of order: the export sorts by when the contact took place.
		const later = await logContact(
			db,
			mette,
			citizen.id,
			entry(crypto.randomUUID(), at('2026-11-20T10:00'), 'Første udgave')
		);
		const earlier = await logContact(
			db,
			mette,
			citizen.id,
			entry(crypto.randomUUID(), at('2026-11-10T09:30'), 'Besøg på herberget.')
		);
		const { clientId: _clientId, ...changes } = entry(
			crypto.randomUUID(),
			at('2026-11-20T10:00'),
			'Rettet udgave'
		);
		await correctContact(db, mette, citizen.id, later.id, changes);
		await addAddendum(db, mette, citizen.id, earlier.id, 'Borgeren ringede bagefter og takkede.');
		await db
			.insert(contactParticipants)
			.values({ contactId: earlier.id, userId: leader.userId, name: leader.name });

		const journal = await readPrintableJournal(db, leader, citizen.id, NOW);

		expect(journal).toMatchObject({
			citizenName: 'Camilla Borger',
			teamName: 'ICM Udskrift',
			municipalityName: 'Testby Kommune',
			correctionHours: 24,
			printedAt: NOW,
			printedBy: 'Hanne Holm'
		});
		expect(journal.entries.map((e) => e.id)).toEqual([earlier.id, later.id]);
		const [first, second] = journal.entries;
		expect(first!.participants).toEqual([{ name: 'Hanne Holm', organisation: null }]);
		expect(first!.addenda).toEqual([
			expect.objectContaining({
				author: 'Mette Madsen',
				text: 'Borgeren ringede bagefter og takkede.'
			})
		]);
		expect(second!.note).toBe('Rettet udgave');
		expect(second!.corrections).toEqual([
			expect.objectContaining({
				revision: 1,
				revisedBy: 'Mette Madsen',
				previous: expect.objectContaining({
					note: 'Første udgave',
					kind: 'visit',
					durationMinutes: 45,
					occurredAt: at('2026-11-20T10:00')
				})
			})
		]);
		const [audit] = await db
			.select({ allowed: auditEvents.allowed, grant: auditEvents.grant })
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.actorId, leader.userId),
					eq(auditEvents.citizenId, citizen.id),
					eq(auditEvents.purpose, 'journal export')
				)
			);
		expect(audit).toEqual({ allowed: 'allow', grant: 'team_leader' });
	});

	it("gives a team leader each case manager's hours this week and last week over their active citizens only", async () => {
		const { f, teamOrg, mette, amir, leader } = await team('ICM Timer');
		const other = await team('ICM Andet team');
		const active = await f.citizen(teamOrg.id, mette.userId, 'Aktiv');
		const steppedDown = await f.citizen(teamOrg.id, mette.userId, 'Trappet ned');
		await db
			.update(citizens)
			.set({ status: 'stepped_down' })
			.where(eq(citizens.id, steppedDown.id));
		// Moved from Mette to Amir: its hours are Amir's now, all of them.
		const moved = await f.citizen(teamOrg.id, mette.userId, 'Flyttet');
		await db
			.update(assignments)
			.set({ endedAt: at('2026-11-24T08:00') })
			.where(eq(assignments.citizenId, moved.id));
		await db.insert(assignments).values({ citizenId: moved.id, caseManagerId: amir.userId });

		await contact(active.id, mette, at('2026-11-23T00:10'), 60); // this week
		await contact(active.id, mette, at('2026-11-24T10:00'), 30, 'attempt'); // this week
		await contact(active.id, mette, at('2026-11-22T23:30'), 45); // last week
		await contact(active.id, mette, at('2026-11-15T23:30'), 120); // the week before: not counted
		await contact(steppedDown.id, mette, at('2026-11-24T10:00'), 240); // not an active citizen
		await contact(moved.id, mette, at('2026-11-18T10:00'), 90); // last week, now Amir's
		const elsewhere = await other.f.citizen(other.teamOrg.id, other.mette.userId, 'Andet');
		await contact(elsewhere.id, other.mette, at('2026-11-24T12:00'), 15); // another team

		const totals = await supportHoursByCaseManager(db, leader, teamOrg.id, { now: NOW });

		expect(totals).toEqual([
			{ caseManagerId: amir.userId, name: 'Amir Haddad', thisWeek: 0, lastWeek: 1.5 },
			{ caseManagerId: mette.userId, name: 'Mette Madsen', thisWeek: 1.5, lastWeek: 0.75 }
		]);
		await expect(
			supportHoursByCaseManager(db, other.leader, teamOrg.id, { now: NOW })
		).rejects.toBeInstanceOf(JournalError);
		await expect(
			supportHoursByCaseManager(db, mette, teamOrg.id, { now: NOW })
		).rejects.toBeInstanceOf(JournalError);
	});
});
