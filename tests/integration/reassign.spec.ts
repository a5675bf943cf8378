import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCopenhagenLocal } from '../../src/lib/dates';
import { CaseloadError } from '../../src/lib/server/caseload/errors';
import { applySuggestions, reassignCitizen } from '../../src/lib/server/caseload/reassign';
import { suggestForTeam } from '../../src/lib/server/caseload/suggestions';
import type { Database } from '../../src/lib/server/db/client';
import {
	absences,
	assignments,
	auditEvents,
	contactParticipants,
	contacts,
	coverBuddies,
	housingHistory,
	notifications,
	users
} from '../../src/lib/server/db/schema';
import { runtime, stopRuntime, type RealtimePublication } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let db: Database;
beforeAll(async () => {
	db = (await startTestRuntime()).db;
});
afterAll(async () => {
	await stopRuntime();
});

const NOW = fromCopenhagenLocal('2030-03-01T08:00');
const REASON = 'Mette går ned i tid';

/** Hanne leads a team of four case managers; Ali is Mette's citizen. */
async function team() {
	const f = factories(db);
	const teamOrg = await f.organisation('icm_team', 'ICM Test');
	const other = await f.organisation('icm_team', 'ICM Anden');
	const partnerOrg = await f.organisation('jobcenter', 'Jobcenter');
	const mette = await f.user('case_manager', teamOrg.id, { name: 'Mette', fte: 0.5 });
	const amir = await f.user('case_manager', teamOrg.id, { name: 'Amir' });
	const peter = await f.user('case_manager', teamOrg.id, { name: 'Peter' });
	const sara = await f.user('case_manager', teamOrg.id, { name: 'Sara' });
	const leader = await f.user('team_leader', teamOrg.id, { name: 'Hanne' });
	const otherLeader = await f.user('team_leader', other.id, { name: 'Kristian' });
	const outsider = await f.user('case_manager', other.id, { name: 'Ulla' });
	const partner = await f.user('partner', partnerOrg.id, { name: 'Anders' });
	const ali = await f.citizen(teamOrg.id, mette.id, 'Ali');
	return { f, teamOrg, mette, amir, peter, sara, leader, otherLeader, outsider, partner, ali };
}

async function assignmentsOf(citizenId: string) {
	return db
		.select()
		.from(assignments)
		.where(eq(assignments.citizenId, citizenId))
		.orderBy(assignments.startedAt);
}

async function primaryOf(citizenId: string) {
	const rows = await db
		.select({ id: assignments.caseManagerId })
		.from(assignments)
		.where(and(eq(assignments.citizenId, citizenId), isNull(assignments.endedAt)));
	return rows.map((r) => r.id);
}

async function notificationsFor(userId: string) {
	return db.select().from(notifications).where(eq(notifications.userId, userId));
}

async function refused(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(CaseloadError);
	return (error as CaseloadError).code;
}

describe(`reassigning citizens (${testDatabaseEngine})`, () => {
	it('ends the old assignment, starts the new one with the reason, and tells both case managers', async () => {
		const t = await team();
		const published: RealtimePublication[] = [];
		runtime().publish = (event) => published.push(event);
		try {
			const moved = await reassignCitizen(
				db,
				actorOf(t.leader),
				{ citizenId: t.ali.id, toCaseManagerId: t.amir.id, reason: REASON },
				NOW
			);
			expect(moved).toMatchObject({ from: t.mette.id, to: t.amir.id, overCapacity: false });
		} finally {
			runtime().publish = undefined;
		}

		const [old, current] = await assignmentsOf(t.ali.id);
		expect(old).toMatchObject({
			caseManagerId: t.mette.id,
			endedAt: NOW,
			endReason: REASON,
			endedBy: t.leader.id
		});
		expect(current).toMatchObject({
			caseManagerId: t.amir.id,
			startedAt: NOW,
			endedAt: null,
			startReason: REASON,
			createdBy: t.leader.id,
			capacityOverrideReason: null
		});
		const payload = { citizenId: t.ali.id, from: t.mette.id, to: t.amir.id, reason: REASON };
		for (const user of [t.mette, t.amir]) {
			const [note] = await notificationsFor(user.id);
			expect(note).toMatchObject({ kind: 'caseload.reassigned', payload });
		}
		const audit = await db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.citizenId, t.ali.id), eq(auditEvents.action, 'citizen.assign')));
		expect(audit).toEqual([
			expect.objectContaining({ actorId: t.leader.id, allowed: 'allow', grant: 'team_leader' })
		]);
		expect(published).toEqual([
			{
				topic: 'caseload',
				rooms: [`team:${t.teamOrg.id}`, `user:${t.mette.id}`, `user:${t.amir.id}`],
				payload: { citizenId: t.ali.id }
			}
		]);
	});

	it('refuses to fill a colleague above capacity unless the team leader gives a reason', async () => {
		const t = await team();
		// Mette's 0.5 post holds 4, and with Ali she has 4.
		for (const name of ['Bo', 'Cai', 'Dina']) await t.f.citizen(t.teamOrg.id, t.mette.id, name);
		const finn = await t.f.citizen(t.teamOrg.id, t.amir.id, 'Finn');
		const leader = actorOf(t.leader);
		const move = { citizenId: finn.id, toCaseManagerId: t.mette.id, reason: REASON };

		expect(await refused(reassignCitizen(db, leader, move, NOW))).toBe('over_capacity');
		expect(await primaryOf(finn.id)).toEqual([t.amir.id]);
		expect(await notificationsFor(t.mette.id)).toEqual([]);

		const override = 'Finn kender Mette fra herberget';
		const moved = await reassignCitizen(db, leader, { ...move, overrideReason: override }, NOW);
		expect(moved.overCapacity).toBe(true);
		const [, current] = await assignmentsOf(finn.id);
		expect(current).toMatchObject({ caseManagerId: t.mette.id, capacityOverrideReason: override });
	});

	it('refuses a colleague who is away, has left, is in another team, or is a partner, and changes nothing', async () => {
		const t = await team();
		const leader = actorOf(t.leader);
		await db.insert(absences).values({
			userId: t.sara.id,
			kind: 'sick',
			startsAt: fromCopenhagenLocal('2030-02-27T08:00'),
			endsAt: null,
			enteredBy: t.sara.id
		});
		await db.update(users).set({ active: false }).where(eq(users.id, t.peter.id));
		const to = async (toCaseManagerId: string) =>
			refused(
				reassignCitizen(db, leader, { citizenId: t.ali.id, toCaseManagerId, reason: REASON }, NOW)
			);

		expect(await to(t.sara.id)).toBe('absent');
		expect(await to(t.peter.id)).toBe('inactive');
		expect(await to(t.outsider.id)).toBe('other_team');
		expect(await to(t.partner.id)).toBe('not_case_manager');
		expect(await to(t.leader.id)).toBe('not_case_manager');
		expect(await to(t.mette.id)).toBe('same_case_manager');
		expect(
			await refused(
				reassignCitizen(
					db,
					leader,
					{ citizenId: t.ali.id, toCaseManagerId: t.amir.id, reason: 'x' },
					NOW
				)
			)
		).toBe('input');
		expect(await assignmentsOf(t.ali.id)).toEqual([
			expect.objectContaining({ caseManagerId: t.mette.id, endedAt: null })
		]);
		expect(await notificationsFor(t.mette.id)).toEqual([]);
	});

	it('lets only the team leader of the citizen’s own team move them, and logs the refusal', async () => {
		const t = await team();
		const move = { citizenId: t.ali.id, toCaseManagerId: t.amir.id, reason: REASON };
		expect(await refused(reassignCitizen(db, actorOf(t.mette), move, NOW))).toBe('forbidden');
		expect(await refused(reassignCitizen(db, actorOf(t.otherLeader), move, NOW))).toBe('forbidden');
		expect(await primaryOf(t.ali.id)).toEqual([t.mette.id]);
		const denied = await db
			.select({ actorId: auditEvents.actorId })
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.citizenId, t.ali.id),
					eq(auditEvents.action, 'citizen.assign'),
					eq(auditEvents.allowed, 'deny')
				)
			);
		expect(denied.map((d) => d.actorId).sort()).toEqual([t.mette.id, t.otherLeader.id].sort());
	});

	it('gives the second of two team leaders moving the same citizen at once a conflict, and keeps one case manager', async () => {
		const t = await team();
		const secondLeader = await t.f.user('team_leader', t.teamOrg.id, { name: 'Jens' });
		const results = await Promise.allSettled(
			[
				[t.leader, t.amir],
				[secondLeader, t.peter]
			].map(([leader, to]) =>
				reassignCitizen(
					db,
					actorOf(leader!),
					{
						citizenId: t.ali.id,
						toCaseManagerId: to!.id,
						reason: REASON,
						expectedFromId: t.mette.id
					},
					NOW
				)
			)
		);
		const ok = results.filter((r) => r.status === 'fulfilled');
		const failed = results.filter((r) => r.status === 'rejected');
		expect(ok).toHaveLength(1);
		expect(failed).toHaveLength(1);
		expect((failed[0]!.reason as CaseloadError).code).toBe('conflict');
		const active = await primaryOf(t.ali.id);
		expect(active).toHaveLength(1);
		expect([t.amir.id, t.peter.id]).toContain(active[0]);
		expect(await assignmentsOf(t.ali.id)).toHaveLength(2);
	});

	it('suggests moves off an overloaded case manager to colleagues who know the citizens, and applying them settles the team', async () => {
		const t = await team();
		const leader = actorOf(t.leader);
		// Mette (0.5 post, room for 4) has six: Ali, Bo who just moved into his own flat, and four more.
		const bo = await t.f.citizen(t.teamOrg.id, t.mette.id, 'Bo');
		const cai = await t.f.citizen(t.teamOrg.id, t.mette.id, 'Cai');
		for (const name of ['Dina', 'Eva', 'Finn']) await t.f.citizen(t.teamOrg.id, t.mette.id, name);
		await db
			.update(housingHistory)
			.set({ toDate: '2030-02-20' })
			.where(eq(housingHistory.citizenId, bo.id));
		await db
			.insert(housingHistory)
			.values({ citizenId: bo.id, situation: 'own_home', fromDate: '2030-02-20' });
		// Peter is Ali's cover buddy; Amir joined a visit to Cai; Sara is off sick.
		await db.insert(coverBuddies).values({ citizenId: t.ali.id, buddyId: t.peter.id });
		const [visit] = await db
			.insert(contacts)
			.values({
				clientId: crypto.randomUUID(),
				citizenId: cai.id,
				authorId: t.mette.id,
				occurredAt: fromCopenhagenLocal('2030-01-15T10:00'),
				kind: 'visit',
				place: 'shelter',
				durationMinutes: 45
			})
			.returning();
		await db
			.insert(contactParticipants)
			.values({ contactId: visit!.id, userId: t.amir.id, name: t.amir.name });
		await db.insert(absences).values({
			userId: t.sara.id,
			kind: 'sick',
			startsAt: fromCopenhagenLocal('2030-02-27T08:00'),
			endsAt: null,
			enteredBy: t.sara.id
		});

		const suggested = await suggestForTeam(db, leader, t.teamOrg.id, NOW);
		expect(suggested.feasible).toBe(true);
		expect(suggested.loadsBefore[t.mette.id]).toBe(6);
		for (const [id, load] of Object.entries(suggested.loadsAfter)) {
			expect(load).toBeLessThanOrEqual(suggested.caseManagers[id]!.capacity);
		}
		expect(suggested.moves).toEqual(
			expect.arrayContaining([
				{ citizenId: t.ali.id, from: t.mette.id, to: t.peter.id, fit: 'knows_citizen' },
				{ citizenId: cai.id, from: t.mette.id, to: t.amir.id, fit: 'knows_citizen' }
			])
		);
		expect(suggested.moves).toHaveLength(2);
		expect(suggested.citizenNames[t.ali.id]).toBe('Ali Borger');
		expect(suggested.caseManagers[t.peter.id]!.name).toBe('Peter');
		expect(suggested.caseManagers[t.sara.id]!.available).toBe(false);

		const moves = suggested.moves.map(({ citizenId, from, to }) => ({ citizenId, from, to }));
		const applied = await applySuggestions(
			db,
			leader,
			t.teamOrg.id,
			moves,
			'Udligning af sagstal',
			{
				now: NOW
			}
		);
		expect(applied).toEqual(moves.map((m) => ({ citizenId: m.citizenId, ok: true })));
		expect(await primaryOf(bo.id)).toEqual([t.mette.id]);

		const again = await suggestForTeam(db, leader, t.teamOrg.id, NOW);
		expect(again.moves).toEqual([]);
		expect(again.loadsBefore[t.mette.id]).toBe(4);
		// The same suggestions a second time are stale: each move reports the conflict, none is made.
		const stale = await applySuggestions(db, leader, t.teamOrg.id, moves, 'Udligning af sagstal', {
			now: NOW
		});
		expect(stale).toEqual(
			moves.map((m) => ({ citizenId: m.citizenId, ok: false, error: 'conflict' }))
		);
	});

	it('shows suggestions only to the team’s own leader', async () => {
		const t = await team();
		expect(await refused(suggestForTeam(db, actorOf(t.otherLeader), t.teamOrg.id, NOW))).toBe(
			'forbidden'
		);
		expect(await refused(suggestForTeam(db, actorOf(t.mette), t.teamOrg.id, NOW))).toBe(
			'forbidden'
		);
	});
});
