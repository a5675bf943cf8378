import { subDays } from 'date-fns';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copenhagenDate } from '../../src/lib/dates';
import { readLoadHistory } from '../../src/lib/server/caseload/history';
import { readTeamOverview } from '../../src/lib/server/caseload/team-overview';
import type { Database } from '../../src/lib/server/db/client';
import {
	absences,
	assignments,
	citizens,
	contacts,
	housingHistory
} from '../../src/lib/server/db/schema';
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

describe(`team caseload overview (${testDatabaseEngine})`, () => {
	it('counts each case manager’s citizens against 8 × FTE, and weighs move-ins, crises, busy weeks and covers', async () => {
		const f = factories(db);
		const team = await f.organisation('icm_team', 'ICM Vægt');
		const leader = await f.user('team_leader', team.id);
		const anna = await f.user('case_manager', team.id, { name: 'Anna', fte: 0.5 });
		const bent = await f.user('case_manager', team.id, { name: 'Bent' });
		const plain = await f.citizen(team.id, anna.id, 'Almindelig');
		const movedIn = await f.citizen(team.id, anna.id, 'Indflyttet');
		const acute = await f.citizen(team.id, anna.id, 'Akut');
		const busy = await f.citizen(team.id, anna.id, 'Travl');
		await f.citizen(team.id, bent.id, 'Bents');
		await db
			.update(housingHistory)
			.set({ toDate: copenhagenDate(subDays(new Date(), 10)) })
			.where(eq(housingHistory.citizenId, movedIn.id));
		await db.insert(housingHistory).values({
			citizenId: movedIn.id,
			situation: 'own_home',
			fromDate: copenhagenDate(subDays(new Date(), 10))
		});
		await db
			.update(citizens)
			.set({ acuteReason: 'eviction_threat' })
			.where(eq(citizens.id, acute.id));
		await db.insert(contacts).values({
			clientId: crypto.randomUUID(),
			citizenId: busy.id,
			authorId: anna.id,
			occurredAt: subDays(new Date(), 2),
			kind: 'bisidder',
			place: 'partner_office',
			durationMinutes: 600
		});
		// Bent covers one of Anna's citizens right now.
		await f.cover(plain.id, anna.id, bent.id, {
			startsAt: subDays(new Date(), 1),
			endsAt: null
		});

		const overview = await readTeamOverview(db, actorOf(leader), team.id);
		const byName = new Map(overview!.caseManagers.map((m) => [m.name, m]));
		expect(byName.get('Anna')).toMatchObject({
			citizens: 4,
			capacity: 4,
			recentMoveIns: 1,
			acute: 1
		});
		// 1 + 1.5 (move-in) + 1.5 (acute) + 1 + 1 (ten hours) = 6
		expect(byName.get('Anna')!.weightedLoad).toBe(6);
		expect(byName.get('Bent')).toMatchObject({
			citizens: 1,
			capacity: 8,
			covering: 1,
			weightedLoad: 2
		});
		expect(overview).toMatchObject({ citizens: 5, capacity: 12 });

		const otherTeam = await f.organisation('icm_team', 'ICM Anden');
		const otherLeader = await f.user('team_leader', otherTeam.id);
		expect(await readTeamOverview(db, actorOf(otherLeader), team.id)).toBeNull();
		expect(await readTeamOverview(db, actorOf(anna), team.id)).toBeNull();
	});
});

describe(`team load over time (${testDatabaseEngine})`, () => {
	it('counts citizens in support month by month, and shows the coming weeks’ move-ins and absences', async () => {
		const f = factories(db);
		const team = await f.organisation('icm_team', 'ICM Historik');
		const leader = await f.user('team_leader', team.id);
		const cm = await f.user('case_manager', team.id, { name: 'Carla' });
		const colleague = await f.user('case_manager', team.id, { name: 'Dan', fte: 0.5 });
		const now = new Date('2026-11-18T12:00:00Z');
		const stays = await f.citizen(team.id, cm.id, 'Bliver');
		const left = await f.citizen(team.id, cm.id, 'Stoppede');
		await db
			.update(assignments)
			.set({ startedAt: new Date('2026-03-10T09:00:00Z') })
			.where(eq(assignments.citizenId, stays.id));
		await db
			.update(assignments)
			.set({
				startedAt: new Date('2026-06-10T09:00:00Z'),
				endedAt: new Date('2026-09-15T09:00:00Z')
			})
			.where(eq(assignments.citizenId, left.id));
		// A known move-in in two weeks (the shelter stay ends the day before), and Dan on holiday next week.
		await db
			.update(housingHistory)
			.set({ toDate: '2026-12-01' })
			.where(eq(housingHistory.citizenId, stays.id));
		await db
			.insert(housingHistory)
			.values({ citizenId: stays.id, situation: 'own_home', fromDate: '2026-12-02' });
		await db.insert(absences).values({
			userId: colleague.id,
			kind: 'holiday',
			startsAt: new Date('2026-11-23T07:00:00Z'),
			endsAt: new Date('2026-11-27T15:00:00Z'),
			enteredBy: leader.id
		});

		const { months, weeks } = await readLoadHistory(db, actorOf(leader), team.id, now);
		expect(months).toHaveLength(12);
		expect(months.map((m) => m.citizens)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 1, 1]);
		expect(months[11]!.capacity).toBe(12);
		expect(weeks.map((w) => w.label).slice(0, 3)).toEqual(['uge 47', 'uge 48', 'uge 49']);
		expect(weeks.map((w) => w.absentCapacity).slice(0, 3)).toEqual([0, 4, 0]);
		expect(weeks.map((w) => w.moveIns).slice(0, 3)).toEqual([0, 0, 1]);
		await expect(readLoadHistory(db, actorOf(cm), team.id, now)).rejects.toThrow('forbidden');
	});
});
