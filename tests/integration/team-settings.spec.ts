import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	METHOD_DEFAULTS,
	readTeamSettings,
	resetTeamSettings,
	updateTeamSettings
} from '../../src/lib/server/caseload/settings';
import { readTeamOverview } from '../../src/lib/server/caseload/team-overview';
import type { Database } from '../../src/lib/server/db/client';
import { auditEvents, citizens, teamSettings } from '../../src/lib/server/db/schema';
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

async function team(name: string) {
	const f = factories(db);
	const org = await f.organisation('icm_team', name);
	const leader = await f.user('team_leader', org.id);
	const anna = await f.user('case_manager', org.id, { name: 'Anna', fte: 0.5 });
	const bent = await f.user('case_manager', org.id, { name: 'Bent' });
	return { f, org, leader, anna, bent };
}

function auditRows(teamId: string) {
	return db
		.select()
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.action, 'team.settings.write'),
				eq(auditEvents.resource, `team/${teamId}/settings`)
			)
		);
}

describe(`team settings (${testDatabaseEngine})`, () => {
	it('a team leader who sets 7 per post sees capacity 7 × FTE in the team overview at once', async () => {
		const { org, leader } = await team('ICM Kapacitet');
		const published: RealtimePublication[] = [];
		runtime().publish = (event) => published.push(event);

		const saved = await updateTeamSettings(db, actorOf(leader), org.id, { capacityPerFte: '7' });

		expect(saved.capacityPerFte).toBe(7);
		const overview = await readTeamOverview(db, actorOf(leader), org.id);
		// Anna 0.5 × 7 = 3.5, rounded down; Bent 1 × 7; the team 1.5 × 7 = 10.5, rounded down.
		expect(overview!.caseManagers.map((m) => [m.name, m.capacity])).toEqual([
			['Anna', 3],
			['Bent', 7]
		]);
		expect(overview!.capacity).toBe(10);
		expect(published).toEqual([{ topic: 'caseload', rooms: [`team:${org.id}`], payload: {} }]);
	});

	it('accepts Danish decimal commas and keeps what was not sent', async () => {
		const { org, leader } = await team('ICM Komma');
		await updateTeamSettings(db, actorOf(leader), org.id, {
			capacityPerFte: '7,5',
			weights: { acute: '2,5' }
		});
		const settings = await readTeamSettings(db, actorOf(leader), org.id);
		expect(settings).toMatchObject({
			capacityPerFte: 7.5,
			contactWarnDays: 7,
			weights: { ...METHOD_DEFAULTS.weights, acute: 2.5 }
		});
	});

	it('refuses a warning later than the escalation, naming both fields, and saves nothing', async () => {
		const { org, leader } = await team('ICM Rækkefølge');
		const published: RealtimePublication[] = [];
		runtime().publish = (event) => published.push(event);

		await expect(
			updateTeamSettings(db, actorOf(leader), org.id, {
				capacityPerFte: 6,
				contactWarnDays: 20,
				contactEscalateDays: 10
			})
		).rejects.toMatchObject({
			code: 'input',
			fields: { contactWarnDays: 'order', contactEscalateDays: 'order' }
		});
		// A warning later than the saved escalation is refused too, though only one field was sent.
		await expect(
			updateTeamSettings(db, actorOf(leader), org.id, { contactWarnDays: 15 })
		).rejects.toMatchObject({ fields: { contactWarnDays: 'order' } });

		expect(await readTeamSettings(db, actorOf(leader), org.id)).toMatchObject({
			capacityPerFte: 8,
			contactWarnDays: 7,
			contactEscalateDays: 14
		});
		expect(await auditRows(org.id)).toHaveLength(0);
		expect(published).toEqual([]);
	});

	it('names every field that is malformed, out of range or too fine, and saves nothing', async () => {
		const { org, leader } = await team('ICM Felter');
		await expect(
			updateTeamSettings(db, actorOf(leader), org.id, {
				capacityPerFte: '7,25',
				moveInPeriodDays: 'tre måneder',
				contactEscalateDays: '',
				journalCorrectionHours: 200,
				weights: { base: '1', coverShare: '2,5', hoursPerWeekStep: '-1' }
			})
		).rejects.toMatchObject({
			code: 'input',
			fields: {
				capacityPerFte: 'step',
				moveInPeriodDays: 'number',
				contactEscalateDays: 'number',
				journalCorrectionHours: 'range',
				'weights.coverShare': 'range',
				'weights.hoursPerWeekStep': 'range'
			}
		});
		const [row] = await db.select().from(teamSettings).where(eq(teamSettings.teamId, org.id));
		expect(row).toMatchObject({ capacityPerFte: 8, moveInPeriodDays: 91, weights: null });
	});

	it('a case manager and another team’s leader can neither read nor change the settings', async () => {
		const { f, org, leader, anna } = await team('ICM Adgang');
		const other = await f.organisation('icm_team', 'ICM Nabo');
		const otherLeader = await f.user('team_leader', other.id);

		for (const actor of [actorOf(anna), actorOf(otherLeader)]) {
			await expect(readTeamSettings(db, actor, org.id)).rejects.toMatchObject({
				code: 'forbidden'
			});
			await expect(
				updateTeamSettings(db, actor, org.id, { capacityPerFte: 4 })
			).rejects.toMatchObject({ code: 'forbidden' });
			await expect(resetTeamSettings(db, actor, org.id)).rejects.toMatchObject({
				code: 'forbidden'
			});
		}
		// Refused before the input is judged: nonsense gets the same answer.
		await expect(
			updateTeamSettings(db, actorOf(anna), org.id, { capacityPerFte: 'x' })
		).rejects.toMatchObject({ code: 'forbidden' });

		expect((await readTeamSettings(db, actorOf(leader), org.id)).capacityPerFte).toBe(8);
		const refused = await auditRows(org.id);
		expect(refused.length).toBe(5);
		expect(refused.every((r) => r.allowed === 'deny')).toBe(true);
	});

	it('audits the change with the values before and after', async () => {
		const { org, leader } = await team('ICM Revision');
		await updateTeamSettings(db, actorOf(leader), org.id, {
			capacityPerFte: 7,
			contactWarnDays: 5,
			weights: { hoursPerWeekStep: 4 }
		});

		const [row] = await auditRows(org.id);
		expect(row).toMatchObject({
			actorId: leader.id,
			channel: 'action',
			allowed: 'allow',
			grant: 'team_leader'
		});
		expect(row!.details).toEqual({
			before: METHOD_DEFAULTS,
			after: {
				...METHOD_DEFAULTS,
				capacityPerFte: 7,
				contactWarnDays: 5,
				weights: { ...METHOD_DEFAULTS.weights, hoursPerWeekStep: 4 }
			}
		});
	});

	it('reset brings back the method’s numbers and is audited as a reset', async () => {
		const { org, leader } = await team('ICM Nulstil');
		await updateTeamSettings(db, actorOf(leader), org.id, {
			capacityPerFte: 6,
			moveInPeriodDays: 60,
			contactWarnDays: 3,
			contactEscalateDays: 5,
			journalCorrectionHours: 48,
			weights: { base: 1.2, acute: 2 }
		});

		await resetTeamSettings(db, actorOf(leader), org.id);

		const settings = await readTeamSettings(db, actorOf(leader), org.id);
		expect(settings).toMatchObject(METHOD_DEFAULTS);
		const [row] = await db.select().from(teamSettings).where(eq(teamSettings.teamId, org.id));
		expect(row!.weights).toBeNull();
		const audits = await auditRows(org.id);
		expect(audits.map((a) => (a.details as { reset?: boolean }).reset)).toContain(true);
	});

	it('changed weights change the weighted load in the team overview', async () => {
		const { f, org, leader, bent } = await team('ICM Vægte');
		const acute = await f.citizen(org.id, bent.id, 'Akut');
		await f.citizen(org.id, bent.id, 'Almindelig');
		await db
			.update(citizens)
			.set({ acuteReason: 'eviction_threat' })
			.where(eq(citizens.id, acute.id));
		const loadOf = async () =>
			(await readTeamOverview(db, actorOf(leader), org.id))!.caseManagers.find(
				(m) => m.name === 'Bent'
			)!.weightedLoad;
		// 1.5 (acute) + 1
		expect(await loadOf()).toBe(2.5);

		await updateTeamSettings(db, actorOf(leader), org.id, { weights: { acute: 3, base: 0.5 } });

		// 3 (acute) + 0.5
		expect(await loadOf()).toBe(3.5);
	});
});
