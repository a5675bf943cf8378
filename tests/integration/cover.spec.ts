import { and, eq, isNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCopenhagenLocal } from '../../src/lib/dates';
import { addAction, addGoal } from '../../src/lib/plan/items';
import { dimensionRoots, itemArray } from '../../src/lib/plan/schema';
import { planDocumentName } from '../../src/lib/plan/sections';
import {
	cancelAbsence,
	changeAbsenceEnd,
	registerAbsence
} from '../../src/lib/server/cover/absences';
import { nominateBuddy } from '../../src/lib/server/cover/buddies';
import { readMyCovers } from '../../src/lib/server/cover/covering';
import { CoverError } from '../../src/lib/server/cover/errors';
import { confirmAllProposals, confirmCover } from '../../src/lib/server/cover/grants';
import { readHandover } from '../../src/lib/server/cover/handover';
import { readTeamCover } from '../../src/lib/server/cover/team-cover';
import type { Database } from '../../src/lib/server/db/client';
import {
	contactParticipants,
	contacts,
	coverGrants,
	planDocuments,
	planUpdates
} from '../../src/lib/server/db/schema';
import { authorize } from '../../src/lib/server/policy';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let db: Database;
beforeAll(async () => {
	db = (await startTestRuntime()).db;
});
afterAll(async () => {
	await stopRuntime();
});

/** A team of four: Mette goes away; Amir is her buddy, Peter joined visits, Sara is new. */
async function team() {
	const f = factories(db);
	const teamOrg = await f.organisation('icm_team', 'ICM Test');
	const other = await f.organisation('icm_team', 'ICM Anden');
	const partnerOrg = await f.organisation('jobcenter', 'Jobcenter');
	const mette = await f.user('case_manager', teamOrg.id, { name: 'Mette' });
	const amir = await f.user('case_manager', teamOrg.id, { name: 'Amir' });
	const peter = await f.user('case_manager', teamOrg.id, { name: 'Peter' });
	const sara = await f.user('case_manager', teamOrg.id, { name: 'Sara' });
	const leader = await f.user('team_leader', teamOrg.id, { name: 'Hanne' });
	const otherLeader = await f.user('team_leader', other.id, { name: 'Kristian' });
	const outsider = await f.user('case_manager', other.id, { name: 'Ulla' });
	const partner = await f.user('partner', partnerOrg.id, { name: 'Anders' });
	const ali = await f.citizen(teamOrg.id, mette.id, 'Ali');
	const bo = await f.citizen(teamOrg.id, mette.id, 'Bo');
	await nominateBuddy(db, actorOf(mette), ali.id, amir.id);
	// Peter joined a visit to Bo: he knows him.
	const [visit] = await db
		.insert(contacts)
		.values({
			clientId: crypto.randomUUID(),
			citizenId: bo.id,
			authorId: mette.id,
			occurredAt: new Date('2026-10-01T10:00:00Z'),
			kind: 'visit',
			place: 'own_home',
			durationMinutes: 60
		})
		.returning();
	await db
		.insert(contactParticipants)
		.values({ contactId: visit!.id, userId: peter.id, name: peter.name });
	return { teamOrg, mette, amir, peter, sara, leader, otherLeader, outsider, partner, ali, bo };
}

const NOW = fromCopenhagenLocal('2030-03-01T08:00');
const at = (local: string) => fromCopenhagenLocal(local);

async function openGrants(citizenId: string) {
	return db
		.select()
		.from(coverGrants)
		.where(and(eq(coverGrants.citizenId, citizenId), isNull(coverGrants.revokedAt)));
}

describe(`cover for absences (${testDatabaseEngine})`, () => {
	it('proposes the buddy and the colleague who joined visits, and the team leader confirms them', async () => {
		const t = await team();
		await registerAbsence(
			db,
			actorOf(t.leader),
			{
				userId: t.mette.id,
				kind: 'holiday',
				startsAt: '2030-03-02T00:00',
				endsAt: '2030-03-09T00:00'
			},
			NOW
		);
		const [aliCover] = await openGrants(t.ali.id);
		const [boCover] = await openGrants(t.bo.id);
		expect(aliCover).toMatchObject({
			coverUserId: t.amir.id,
			status: 'proposed',
			proposalReason: 'buddy'
		});
		expect(boCover).toMatchObject({ coverUserId: t.peter.id, proposalReason: 'joined_visits' });

		const page = await readTeamCover(db, actorOf(t.leader), t.teamOrg.id, NOW);
		expect(page.uncovered).toBe(2);
		expect(page.absences[0]!.citizens.map((c) => c.state)).toEqual(['proposed', 'proposed']);

		expect(await confirmAllProposals(db, actorOf(t.leader), page.absences[0]!.id, NOW)).toBe(2);
		const after = await readTeamCover(db, actorOf(t.leader), t.teamOrg.id, NOW);
		expect(after.uncovered).toBe(0);
		expect(after.calendar.rows.find((r) => r.userId === t.mette.id)!.days.slice(0, 9)).toEqual([
			null,
			'holiday',
			'holiday',
			'holiday',
			'holiday',
			'holiday',
			'holiday',
			'holiday',
			null
		]);
	});

	it('gives the cover colleague access from the first to the last minute of the absence, and no longer', async () => {
		const t = await team();
		await registerAbsence(
			db,
			actorOf(t.mette),
			{
				userId: t.mette.id,
				kind: 'course',
				startsAt: '2030-03-04T08:00',
				endsAt: '2030-03-04T16:00'
			},
			NOW
		);
		const [grant] = await openGrants(t.ali.id);
		await confirmCover(db, actorOf(t.leader), grant!.id, undefined, NOW);
		const may = async (local: string) =>
			(await authorize(db, actorOf(t.amir), 'journal.read', { citizenId: t.ali.id }, at(local)))
				.allowed;
		expect(await may('2030-03-04T07:59')).toBe(false);
		expect(await may('2030-03-04T08:00')).toBe(true);
		expect(await may('2030-03-04T12:00')).toBe(true);
		expect(await may('2030-03-04T15:59')).toBe(true);
		expect(await may('2030-03-04T16:00')).toBe(false);
		expect(await may('2030-03-05T09:00')).toBe(false);
	});

	it('moves the end of the cover when the absence is extended or ended early', async () => {
		const t = await team();
		const absenceId = await registerAbsence(
			db,
			actorOf(t.leader),
			{
				userId: t.mette.id,
				kind: 'sick',
				startsAt: '2030-03-01T07:00',
				endsAt: '2030-03-03T00:00'
			},
			NOW
		);
		await confirmAllProposals(db, actorOf(t.leader), absenceId, NOW);
		const may = async (local: string) =>
			(await authorize(db, actorOf(t.amir), 'plan.read', { citizenId: t.ali.id }, at(local)))
				.allowed;
		expect(await may('2030-03-04T09:00')).toBe(false);
		await changeAbsenceEnd(db, actorOf(t.leader), absenceId, at('2030-03-06T00:00'), NOW);
		expect(await may('2030-03-04T09:00')).toBe(true);
		await changeAbsenceEnd(db, actorOf(t.mette), absenceId, at('2030-03-01T12:00'), NOW);
		expect(await may('2030-03-01T11:59')).toBe(true);
		expect(await may('2030-03-01T12:00')).toBe(false);
	});

	it('re-proposes and flags the citizens of a cover colleague who falls sick', async () => {
		const t = await team();
		const holiday = await registerAbsence(
			db,
			actorOf(t.leader),
			{
				userId: t.mette.id,
				kind: 'holiday',
				startsAt: '2030-03-02T00:00',
				endsAt: '2030-03-16T00:00'
			},
			NOW
		);
		await confirmAllProposals(db, actorOf(t.leader), holiday, NOW);
		// Amir, covering Ali, is sick from the 5th for a week.
		await registerAbsence(
			db,
			actorOf(t.amir),
			{ userId: t.amir.id, kind: 'sick', startsAt: '2030-03-05T00:00', endsAt: '2030-03-12T00:00' },
			NOW
		);
		const grants = (await openGrants(t.ali.id)).sort((a, b) => +a.startsAt - +b.startsAt);
		expect(grants).toHaveLength(2);
		expect(grants[0]).toMatchObject({ coverUserId: t.amir.id, status: 'confirmed' });
		expect(grants[0]!.endsAt).toEqual(at('2030-03-05T00:00'));
		expect(grants[1]).toMatchObject({ status: 'proposed', replacesGrantId: grants[0]!.id });
		expect(grants[1]!.coverUserId).not.toBe(t.amir.id);
		expect(grants[1]!.startsAt).toEqual(at('2030-03-05T00:00'));

		const page = await readTeamCover(db, actorOf(t.leader), t.teamOrg.id, at('2030-03-06T09:00'));
		const ali = page.absences
			.find((a) => a.id === holiday)!
			.citizens.find((c) => c.citizenId === t.ali.id)!;
		expect(ali).toMatchObject({ state: 'proposed', reproposed: true });
	});

	it('shows a citizen as uncovered when every colleague is away', async () => {
		const t = await team();
		for (const colleague of [t.amir, t.peter, t.sara]) {
			await registerAbsence(
				db,
				actorOf(t.leader),
				{
					userId: colleague.id,
					kind: 'course',
					startsAt: '2030-03-02T00:00',
					endsAt: '2030-03-03T00:00'
				},
				NOW
			);
		}
		await registerAbsence(
			db,
			actorOf(t.leader),
			{ userId: t.mette.id, kind: 'sick', startsAt: '2030-03-02T00:00', endsAt: '' },
			NOW
		);
		const page = await readTeamCover(db, actorOf(t.leader), t.teamOrg.id, NOW);
		const mette = page.absences.find((a) => a.userId === t.mette.id)!;
		expect(mette.citizens.map((c) => c.state)).toEqual(['uncovered', 'uncovered']);
		expect(page.uncovered).toBe(2);
	});

	it('refuses bad absences and bad covers with a reason, and changes nothing', async () => {
		const t = await team();
		const refused = (promise: Promise<unknown>) =>
			promise.then(
				() => 'accepted',
				(error: unknown) => (error instanceof CoverError ? error.code : String(error))
			);
		const input = {
			userId: t.mette.id,
			kind: 'holiday' as const,
			startsAt: '2030-03-02T00:00',
			endsAt: '2030-03-09T00:00'
		};
		const absenceId = await registerAbsence(db, actorOf(t.mette), input, NOW);
		expect(
			await refused(
				registerAbsence(
					db,
					actorOf(t.leader),
					{ ...input, startsAt: '2030-03-08T00:00', endsAt: '2030-03-10T00:00' },
					NOW
				)
			)
		).toBe('overlap');
		expect(
			await refused(
				registerAbsence(
					db,
					actorOf(t.amir),
					{ ...input, startsAt: '2030-04-01T00:00', endsAt: '2030-04-02T00:00' },
					NOW
				)
			)
		).toBe('forbidden');
		expect(
			await refused(
				registerAbsence(
					db,
					actorOf(t.otherLeader),
					{ ...input, startsAt: '2030-04-01T00:00', endsAt: '2030-04-02T00:00' },
					NOW
				)
			)
		).toBe('forbidden');
		expect(
			await refused(
				registerAbsence(
					db,
					actorOf(t.mette),
					{ ...input, startsAt: '2030-02-01T00:00', endsAt: '2030-02-02T00:00' },
					NOW
				)
			)
		).toBe('ends_in_past');
		expect(
			await refused(changeAbsenceEnd(db, actorOf(t.mette), absenceId, at('2030-02-28T00:00'), NOW))
		).toBe('ends_in_past');

		const [grant] = await openGrants(t.ali.id);
		expect(await refused(confirmCover(db, actorOf(t.leader), grant!.id, t.outsider.id, NOW))).toBe(
			'other_team'
		);
		expect(await refused(confirmCover(db, actorOf(t.leader), grant!.id, t.partner.id, NOW))).toBe(
			'not_case_manager'
		);
		expect(await refused(confirmCover(db, actorOf(t.otherLeader), grant!.id, undefined, NOW))).toBe(
			'forbidden'
		);
		await registerAbsence(
			db,
			actorOf(t.sara),
			{ ...input, userId: t.sara.id, kind: 'course' },
			NOW
		);
		expect(await refused(confirmCover(db, actorOf(t.leader), grant!.id, t.sara.id, NOW))).toBe(
			'cover_absent'
		);
		expect((await openGrants(t.ali.id)).map((g) => g.status)).toEqual(['proposed']);

		await cancelAbsence(db, actorOf(t.mette), absenceId, NOW);
		expect(await openGrants(t.ali.id)).toEqual([]);
	});

	it('shows the cover colleague the citizens they cover now, and only a count for what is coming', async () => {
		const t = await team();
		const now = at('2030-03-02T10:00');
		const current = await registerAbsence(
			db,
			actorOf(t.leader),
			{
				userId: t.mette.id,
				kind: 'sick',
				startsAt: '2030-03-02T07:00',
				endsAt: '2030-03-03T00:00'
			},
			NOW
		);
		await confirmAllProposals(db, actorOf(t.leader), current, NOW);
		const mine = await readMyCovers(db, actorOf(t.amir), now);
		expect(mine.current.map((c) => [c.name, c.forName])).toEqual([['Ali Borger', 'Mette']]);
		const later = await readMyCovers(db, actorOf(t.amir), at('2030-03-01T10:00'));
		expect(later.current).toEqual([]);
		expect(later.upcoming).toMatchObject([{ forName: 'Mette', citizens: 1 }]);
	});

	it('hands over exactly what happened inside the absence window', async () => {
		const t = await team();
		const absenceId = await registerAbsence(
			db,
			actorOf(t.leader),
			{
				userId: t.mette.id,
				kind: 'holiday',
				startsAt: '2030-03-02T00:00',
				endsAt: '2030-03-09T00:00'
			},
			NOW
		);
		await confirmAllProposals(db, actorOf(t.leader), absenceId, NOW);
		const logContact = (when: string, note: string) =>
			db.insert(contacts).values({
				clientId: crypto.randomUUID(),
				citizenId: t.ali.id,
				authorId: t.amir.id,
				occurredAt: at(when),
				kind: 'visit',
				place: 'own_home',
				durationMinutes: 30,
				note
			});
		await logContact('2030-03-01T23:59', 'før');
		await logContact('2030-03-02T00:00', 'første');
		await logContact('2030-03-08T23:59', 'sidste');
		await logContact('2030-03-09T00:00', 'efter');

		// The housing plan: one action before, one added and one completed during the absence.
		const name = planDocumentName(t.ali.id, 'housing');
		await db.insert(planDocuments).values({ name, citizenId: t.ali.id, section: 'housing' });
		const doc = new Y.Doc();
		const store = (when: string, edit: () => void) => {
			const before = Y.encodeStateVector(doc);
			edit();
			return db.insert(planUpdates).values({
				documentName: name,
				update: Y.encodeStateAsUpdate(doc, before),
				authorId: t.amir.id,
				createdAt: at(when)
			});
		};
		const goals = dimensionRoots(doc).goals;
		await store('2030-02-20T10:00', () => addGoal(goals, 'Egen bolig'));
		const actions = itemArray(goals.get(0), 'actions')!;
		await store('2030-02-20T10:05', () => addAction(actions, { what: 'Søg boligstøtte' }));
		await store('2030-03-04T10:00', () => addAction(actions, { what: 'Besigtigelse' }));
		await store('2030-03-05T10:00', () => actions.get(0).set('status', 'done'));
		await store('2030-03-10T10:00', () => addAction(actions, { what: 'Indflytning' }));

		const handover = await readHandover(db, actorOf(t.mette), absenceId, at('2030-03-10T12:00'));
		const ali = handover.citizens.find((c) => c.citizenId === t.ali.id)!;
		expect(ali.coveredBy).toEqual(['Amir']);
		expect(ali.contacts.map((c) => c.note)).toEqual(['første', 'sidste']);
		expect(ali.planChanges).toMatchObject([{ section: 'housing', author: 'Amir', edits: 2 }]);
		expect(ali.actionsAdded.map((a) => a.what)).toEqual(['Besigtigelse']);
		expect(ali.actionsDone.map((a) => a.what)).toEqual(['Søg boligstøtte']);

		await expect(readHandover(db, actorOf(t.amir), absenceId, NOW)).rejects.toThrow('forbidden');
	});
});
