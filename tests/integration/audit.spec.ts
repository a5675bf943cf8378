import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	AuditAccessError,
	citizenAccessReport,
	readCitizenAuditLog
} from '../../src/lib/server/audit/read';
import { recordAudit } from '../../src/lib/server/audit';
import { readCitizenOverview } from '../../src/lib/server/citizens/overview';
import { recordConsent } from '../../src/lib/server/consent/manage';
import { auditEvents } from '../../src/lib/server/db/schema';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime, testDatabaseEngine } from '../helpers/database';
import { actorOf, factories } from '../helpers/factories';

let handle: Awaited<ReturnType<typeof startTestRuntime>>;

beforeAll(async () => {
	handle = await startTestRuntime();
});
afterAll(async () => {
	await stopRuntime();
});

describe(`audit on ${testDatabaseEngine}`, () => {
	it('the database refuses to change or delete audit rows', async () => {
		await handle.db.insert(auditEvents).values({
			action: 'test.write',
			resource: 'test',
			channel: 'system',
			grant: 'self'
		});
		await expect(
			handle.db
				.update(auditEvents)
				.set({ action: 'tampered' })
				.where(eq(auditEvents.action, 'test.write'))
		).rejects.toThrow();
		await expect(
			handle.db.delete(auditEvents).where(eq(auditEvents.action, 'test.write'))
		).rejects.toThrow();
		await expect(handle.db.execute(sql`truncate audit_events`)).rejects.toThrow();
		const rows = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'test.write'));
		expect(rows).toHaveLength(1);
	});

	it("the citizen's report shows dates, organisations and purposes, never staff names", async () => {
		const make = factories(handle.db);
		const team = await make.organisation('icm_team', 'ICM-team Rapport');
		const psykiatri = await make.organisation('psykiatri', 'Psykiatrien Rapport');
		const caseManager = actorOf(
			await make.user('case_manager', team.id, { name: 'Signe Sagsbehandlersen' })
		);
		const leader = actorOf(await make.user('team_leader', team.id, { name: 'Lars Ledersen' }));
		const partner = actorOf(await make.user('partner', psykiatri.id, { name: 'Pia Partnersen' }));
		const citizen = await make.citizen(team.id, caseManager.userId, 'Rapport');
		await readCitizenOverview(handle.db, caseManager, citizen.id);
		await readCitizenOverview(handle.db, leader, citizen.id);
		await recordConsent(handle.db, caseManager, citizen.id, {
			organisationId: psykiatri.id,
			sections: ['mental_health'],
			purpose: 'Koordinering af behandling',
			givenOn: '2026-11-01'
		});

		const report = await citizenAccessReport(handle.db, caseManager, citizen.id, new Date(0));
		const text = JSON.stringify(report.rows);
		expect(text).toContain('ICM-team Rapport');
		expect(text).toContain('Opslag i borgerens oplysninger');
		for (const name of ['Signe', 'Lars', 'Pia']) expect(text).not.toContain(name);

		const log = await readCitizenAuditLog(handle.db, leader, citizen.id);
		expect(log.rows.map((r) => r.actorName)).toContain('Signe Sagsbehandlersen');
		expect(log.rows.find((r) => r.actorName === 'Lars Ledersen')?.grant).toBe('team_leader');

		await expect(readCitizenAuditLog(handle.db, caseManager, citizen.id)).rejects.toBeInstanceOf(
			AuditAccessError
		);
		await expect(
			citizenAccessReport(handle.db, partner, citizen.id, new Date(0))
		).rejects.toBeInstanceOf(AuditAccessError);
	});
});

describe(`audit under load on ${testDatabaseEngine}`, () => {
	it('rows of requests that arrive together are each stored once, for their own user, before each goes on', async () => {
		const make = factories(handle.db);
		const team = await make.organisation();
		const actors = [];
		for (let i = 0; i < 6; i++) actors.push(actorOf(await make.user('case_manager', team.id)));
		const seen = await Promise.all(
			actors.map(async (actor, i) => {
				await recordAudit(handle.db, {
					actor,
					action: 'citizen.search',
					resource: `together/${i}`,
					channel: 'system'
				});
				// Right after the call returns, as the request then answers the user.
				const rows = await handle.db
					.select({ resource: auditEvents.resource })
					.from(auditEvents)
					.where(eq(auditEvents.actorId, actor.userId));
				return rows.map((row) => row.resource);
			})
		);
		expect(seen).toEqual(actors.map((_, i) => [`together/${i}`]));
	});
});

describe(`audit retention on ${testDatabaseEngine}`, () => {
	it('purges only rows older than the retention period; the trigger still guards younger rows', async () => {
		const { purgeExpiredAudit } = await import('../../src/lib/server/audit/retention');
		const old = new Date(Date.now() - 400 * 24 * 3600 * 1000);
		await handle.db.insert(auditEvents).values([
			{ at: old, action: 'retention.old', resource: 'test', channel: 'system', grant: 'self' },
			{ action: 'retention.new', resource: 'test', channel: 'system', grant: 'self' }
		]);
		await purgeExpiredAudit(handle.db, 365);
		const left = await handle.db
			.select({ action: auditEvents.action })
			.from(auditEvents)
			.where(sql`${auditEvents.action} like 'retention.%'`);
		expect(left.map((r) => r.action)).toEqual(['retention.new']);
		await expect(
			handle.db.delete(auditEvents).where(eq(auditEvents.action, 'retention.new'))
		).rejects.toThrow();
	});
});

describe(`probing with malformed ids on ${testDatabaseEngine}`, () => {
	it('a citizen page with a malformed id is a plain denial, and the probe is audited', async () => {
		const make = factories(handle.db);
		const team = await make.organisation();
		const caseManager = actorOf(await make.user('case_manager', team.id));
		const result = await readCitizenOverview(handle.db, caseManager, "1' or '1'='1");
		expect(result.decision.allowed).toBe(false);
		const rows = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.actorId, caseManager.userId));
		expect(rows.map((r) => [r.allowed, r.citizenId, r.details])).toEqual([
			['deny', null, { requestedCitizenId: "1' or '1'='1" }]
		]);
	});

	it('a probe with characters the database refuses is audited, and fails nobody else', async () => {
		const make = factories(handle.db);
		const team = await make.organisation();
		const prober = actorOf(await make.user('case_manager', team.id));
		const colleague = actorOf(await make.user('case_manager', team.id));
		const citizen = await make.citizen(team.id, colleague.userId, 'Samtidig');
		// Both at once, so their audit rows would share a statement.
		const [probe, read] = await Promise.all([
			readCitizenOverview(handle.db, prober, 'x\u0000\ud800'),
			readCitizenOverview(handle.db, colleague, citizen.id)
		]);
		expect(probe.decision.allowed).toBe(false);
		expect(read.decision.allowed).toBe(true);
		const [row] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.actorId, prober.userId));
		expect(row?.details).toEqual({ requestedCitizenId: 'x\ufffd\ufffd' });
	});
});
