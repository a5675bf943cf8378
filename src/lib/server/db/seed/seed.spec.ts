import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../../tests/helpers/database';
import { actorOf } from '../../../../../tests/helpers/factories';
import { verifyPassword } from '../../auth/password';
import { compareVersions } from '../../plan/history';
import { listPartnerOpenActions } from '../../plan/partner-actions';
import { projectAll } from '../../plan/projection';
import { readStoredSection } from '../../plan/stored';
import type { Database, DatabaseHandle } from '../client';
import {
	absences,
	assignments,
	citizens,
	housingHistory,
	organisations,
	planItems,
	planVersions,
	teamSettings,
	users
} from '../schema';
import { DEMO_PASSWORD, isDatabaseEmpty, listDemoLogins, seedDemo, type DemoLogin } from './index';

// A Wednesday morning in March; the demo is laid out relative to it.
const now = new Date('2025-03-12T09:30:00Z');

describe('demo municipality seed', () => {
	let first: DatabaseHandle;
	let second: DatabaseHandle;
	let db: Database;
	let logins: DemoLogin[];
	let emptyBefore: boolean;

	beforeAll(async () => {
		[first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
		db = first.db;
		emptyBefore = await isDatabaseEmpty(db);
		logins = await seedDemo(db, { now });
		await seedDemo(second.db, { now });
	});

	afterAll(async () => {
		await Promise.all([first?.close(), second?.close()]);
	});

	it('turns an empty database into one that is no longer empty', async () => {
		expect(emptyBefore).toBe(true);
		expect(await isDatabaseEmpty(db)).toBe(false);
	});

	it('has about 80 citizens in two ICM teams', async () => {
		const all = await db.select({ id: citizens.id }).from(citizens);
		expect(all.length).toBeGreaterThanOrEqual(75);
		expect(all.length).toBeLessThanOrEqual(85);
		const teams = await db.select().from(organisations).where(eq(organisations.kind, 'icm_team'));
		expect(teams.map((t) => t.name).sort()).toEqual(['ICM-team Nord', 'ICM-team Syd']);
	});

	it('puts Team Nord over capacity and keeps Team Syd within it', async () => {
		const teams = await db
			.select({
				id: organisations.id,
				name: organisations.name,
				perFte: teamSettings.capacityPerFte
			})
			.from(organisations)
			.innerJoin(teamSettings, eq(teamSettings.teamId, organisations.id));
		const managers = await db.select().from(users).where(eq(users.role, 'case_manager'));
		const active = await db
			.select({ caseManagerId: assignments.caseManagerId })
			.from(assignments)
			.where(isNull(assignments.endedAt));
		const loadOf = (userId: string) => active.filter((a) => a.caseManagerId === userId).length;
		const figures = (name: string) => {
			const team = teams.find((t) => t.name === name)!;
			const mine = managers.filter((m) => m.organisationId === team.id);
			return {
				mine,
				capacity: team.perFte * mine.reduce((sum, m) => sum + m.fte, 0),
				load: mine.reduce((sum, m) => sum + loadOf(m.id), 0)
			};
		};
		const nord = figures('ICM-team Nord');
		const syd = figures('ICM-team Syd');
		expect(nord.load).toBeGreaterThan(nord.capacity);
		expect(syd.load).toBeLessThanOrEqual(syd.capacity);
		expect(nord.mine.some((m) => loadOf(m.id) > 8 * m.fte)).toBe(true);
		expect([...nord.mine, ...syd.mine].some((m) => m.fte < 1)).toBe(true);
	});

	it('gives every active citizen exactly one active primary case manager', async () => {
		const active = await db
			.select({ id: citizens.id })
			.from(citizens)
			.where(eq(citizens.status, 'active'));
		const current = await db
			.select({ citizenId: assignments.citizenId })
			.from(assignments)
			.where(isNull(assignments.endedAt));
		expect(active.length).toBeGreaterThan(50);
		for (const citizen of active) {
			expect(current.filter((a) => a.citizenId === citizen.id)).toHaveLength(1);
		}
		const activeIds = new Set(active.map((c) => c.id));
		expect(current.every((a) => activeIds.has(a.citizenId))).toBe(true);
	});

	it('gives every citizen exactly one current housing situation', async () => {
		const all = await db.select({ id: citizens.id }).from(citizens);
		const current = await db
			.select({ citizenId: housingHistory.citizenId })
			.from(housingHistory)
			.where(isNull(housingHistory.toDate));
		expect(current).toHaveLength(all.length);
		expect(new Set(current.map((h) => h.citizenId)).size).toBe(all.length);
	});

	it('stores no CPR number for any citizen', async () => {
		const all = await db.select({ cpr: citizens.cpr }).from(citizens);
		expect(all.every((c) => c.cpr === null)).toBe(true);
	});

	it('has an absence starting within the next seven days', async () => {
		const rows = await db.select().from(absences).where(isNull(absences.cancelledAt));
		const week = now.getTime() + 7 * 86_400_000;
		const upcoming = rows.filter(
			(a) => a.startsAt.getTime() > now.getTime() && a.startsAt.getTime() <= week
		);
		expect(upcoming.length).toBeGreaterThanOrEqual(1);
	});

	it('lets every demo login sign in with the demo password', async () => {
		const roles = new Set(logins.map((l) => l.role));
		expect([...roles].sort()).toEqual(['admin', 'case_manager', 'partner', 'team_leader']);
		const rows = await db
			.select({ email: users.email, hash: users.passwordHash, role: users.role })
			.from(users)
			.where(
				and(
					inArray(
						users.email,
						logins.map((l) => l.email)
					),
					eq(users.active, true)
				)
			);
		expect(rows).toHaveLength(logins.length);
		for (const login of logins) {
			const row = rows.find((r) => r.email === login.email);
			expect(login.password).toBe(DEMO_PASSWORD);
			expect(row?.role).toBe(login.role);
			expect(await verifyPassword(row?.hash ?? '', DEMO_PASSWORD)).toBe(true);
		}
	});

	it('gives the same citizens when seeded twice with the same time', async () => {
		const names = async (database: Database) =>
			(
				await database
					.select({ first: citizens.firstName, last: citizens.lastName })
					.from(citizens)
					.orderBy(citizens.lastName, citizens.firstName)
			).map((c) => `${c.first} ${c.last}`);
		const [a, b] = await Promise.all([names(db), names(second.db)]);
		expect(a.length).toBeGreaterThan(0);
		expect(b).toEqual(a);
	});

	it('lists the same demo logins again after a restart', async () => {
		expect(await listDemoLogins(db, { now })).toEqual(logins);
	});

	it('stops offering a demo login whose password was changed', async () => {
		const admin = logins.find((l) => l.role === 'admin')!;
		await second.db
			.update(users)
			.set({ passwordHash: 'not-a-valid-hash' })
			.where(eq(users.email, admin.email));
		const listed = await listDemoLogins(second.db, { now });
		expect(listed.map((l) => l.email)).not.toContain(admin.email);
		expect(listed).toHaveLength(logins.length - 1);
	});

	it('gives every active citizen a written plan: own words, housing with goals and actions, the outreach agreement', async () => {
		const active = await db
			.select({ id: citizens.id })
			.from(citizens)
			.where(eq(citizens.status, 'active'));
		expect(active.length).toBeGreaterThan(50);
		for (const { id } of active.slice(0, 10)) {
			const words = await readStoredSection(db, id, 'own_words');
			const housing = await readStoredSection(db, id, 'housing');
			const outreach = await readStoredSection(db, id, 'outreach');
			expect(words.kind === 'own_words' && words.text.plain.length).toBeGreaterThan(20);
			expect(housing.kind === 'dimension' && housing.goals[0]?.actions.length).toBeGreaterThan(0);
			expect(outreach.kind === 'outreach' && outreach.whomToCall.length).toBeGreaterThan(0);
		}
	});

	it('stores the same dashboard rows for the plans as the server projects from them', async () => {
		const snapshot = async () =>
			(await db.select().from(planItems)).map((row) => JSON.stringify(row)).sort();
		const seeded = await snapshot();
		expect(seeded.length).toBeGreaterThan(100);
		await projectAll(db);
		expect(await snapshot()).toEqual(seeded);
	});

	it('gives every partner login open actions to see on their start page', async () => {
		const partners = await db.select().from(users).where(eq(users.role, 'partner'));
		for (const partner of partners.filter((p) => logins.some((l) => l.email === p.email))) {
			const actions = await listPartnerOpenActions(db, actorOf(partner), now);
			expect(actions.length, partner.name).toBeGreaterThan(0);
		}
	});

	it('keeps the network meeting as a named version, and the history tells what changed since and by whom', async () => {
		const versions = await db.select().from(planVersions).where(eq(planVersions.kind, 'named'));
		expect(versions.length).toBeGreaterThan(5);
		const version = versions[0]!;
		const [author] = await db.select().from(users).where(eq(users.id, version.createdBy!));
		expect(version.name).toMatch(/^Netværksmøde \d+\. \p{L}+ \d{4}$/u);
		const changes = await compareVersions(
			db,
			actorOf(author!),
			version.citizenId,
			version.id,
			'now'
		);
		const changed = changes.filter((c) => c.added.length > 0);
		expect(changed.length).toBeGreaterThan(0);
		expect(changed[0]!.authors).toEqual([author!.name]);
	});
});
