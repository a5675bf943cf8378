import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
	openPglite,
	openPostgres,
	type Database,
	type DatabaseHandle
} from '../src/lib/server/db/client';
import {
	absences,
	assignments,
	citizens,
	contactParticipants,
	contacts,
	coverBuddies,
	coverGrants,
	housingHistory,
	municipalities,
	organisations,
	teamSettings,
	users
} from '../src/lib/server/db/schema';
import type { Actor } from '../src/lib/server/policy/actor';

/** PostgreSQL refuses a statement with more bind parameters than this. */
const MAX_PARAMETERS = 65_535;
const DAY = 86_400_000;

export const TENANT = { teams: 60, caseManagersPerTeam: 9, citizens: 5000, focusCitizens: 85 };
export const REBALANCE = { caseManagers: 150, citizens: 1000, overloaded: 40, absent: 5 };

/** A team as planned in memory: indices into `managers`, so the same plan can be inserted or fed to the rebalancer. */
export interface TeamPlan {
	id: string;
	name: string;
	leaderId: string;
	managers: { id: string; name: string; fte: number; absent: boolean }[];
	citizens: {
		id: string;
		manager: number;
		inMoveInPeriod: boolean;
		acute: boolean;
		/** Colleagues who know the citizen: [0] is the cover buddy, the rest joined a visit. */
		knownBy: number[];
		/** Covered by this colleague right now (their manager is absent). */
		coveredBy: number | null;
	}[];
}

export interface SeededTeam {
	plan: TeamPlan;
	leader: Actor;
}

export interface CaseloadTenant {
	teams: SeededTeam[];
	/** The dashboard's team: 10 people, 85 citizens. */
	focus: SeededTeam;
	/** In its own municipality: 150 case managers and 1,000 citizens, deliberately unbalanced. */
	large: SeededTeam;
	staff: number;
	citizens: number;
	rows: number;
}

export interface CaseloadDatabase {
	engine: 'PGlite' | 'PostgreSQL';
	handle: DatabaseHandle;
	cleanup(): Promise<void>;
}

/** A fresh PGlite directory, or BENCH_DATABASE_URL (kept; this run only adds uniquely named rows). */
export async function openCaseloadDatabase(): Promise<CaseloadDatabase> {
	const url = process.env.BENCH_DATABASE_URL;
	const dataDir = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-caseload-'));
	const handle = url ? await openPostgres(url) : await openPglite(dataDir!);
	await handle.migrate();
	return {
		engine: url ? 'PostgreSQL' : 'PGlite',
		handle,
		async cleanup() {
			if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Deterministic, so every run (and both engines) get the same shape of data. */
function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FTES = [1, 1, 0.8, 1, 0.6, 1, 0.9, 0.5, 1, 0.75];

/** Splits `total` over `weights` by largest remainder. */
function apportion(total: number, weights: number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (total * w) / sum);
	const counts = exact.map(Math.floor);
	const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
	for (let k = 0; counts.reduce((a, b) => a + b, 0) < total; k++) counts[order[k]![1]]! += 1;
	return counts;
}

function planTeam(
	rng: () => number,
	name: string,
	fte: number[],
	loads: number[],
	absent: (k: number) => boolean,
	coversWhenAbsent: number
): TeamPlan {
	const managers = fte.map((f, k) => ({
		id: randomUUID(),
		name: `${name} sagsbehandler ${String(k + 1).padStart(3, '0')}`,
		fte: f,
		absent: absent(k)
	}));
	const other = (k: number) =>
		(k + 1 + Math.floor(rng() * (managers.length - 1))) % managers.length;
	const plan: TeamPlan = { id: randomUUID(), name, leaderId: randomUUID(), managers, citizens: [] };
	loads.forEach((load, manager) => {
		for (let i = 0; i < load; i++) {
			const knownBy: number[] = [];
			if (rng() < 0.25) knownBy.push(other(manager));
			if (knownBy.length > 0 && rng() < 0.3) knownBy.push(other(manager));
			plan.citizens.push({
				id: randomUUID(),
				manager,
				inMoveInPeriod: rng() < 0.12,
				acute: rng() < 0.05,
				knownBy: [...new Set(knownBy)],
				coveredBy: managers[manager]!.absent && i < coversWhenAbsent ? other(manager) : null
			});
		}
	});
	return plan;
}

/**
 * 60 teams of a leader and 9 case managers (600 staff) sharing 5,000 citizens. That is 9.3 per
 * case manager against the method's 8 per full-time post, so most teams are above capacity;
 * every twelfth team carries 12 more, and the first two managers of each team 35 % more than their
 * share. Every third team has a colleague on sick leave, covered for six citizens.
 */
function planTenant(rng: () => number): TeamPlan[] {
	const heavy = (t: number) => t % 12 === 6;
	const rest = TENANT.citizens - TENANT.focusCitizens;
	const sizes = [
		TENANT.focusCitizens,
		...apportion(
			rest,
			Array.from({ length: TENANT.teams - 1 }, (_, i) => (heavy(i + 1) ? 95 : 83))
		)
	];
	return sizes.map((size, t) => {
		const fte = Array.from(
			{ length: TENANT.caseManagersPerTeam },
			(_, k) => FTES[(t + k) % FTES.length]!
		);
		const loads = apportion(
			size,
			fte.map((f, k) => f * (k < 2 ? 1.35 : 1))
		);
		const absentOne = t % 3 === 0;
		return planTeam(
			rng,
			`Team ${String(t + 1).padStart(2, '0')}`,
			fte,
			loads,
			(k) => absentOne && k === 8,
			6
		);
	});
}

/**
 * 150 case managers and 1,000 citizens: 40 managers hold 12–14 citizens each, the others share
 * the rest, and 5 are absent. Total capacity is above 1,000, so a full rebalancing exists.
 */
function planLargeTeam(rng: () => number): TeamPlan {
	const { caseManagers, citizens: total, overloaded, absent } = REBALANCE;
	// No half-time posts here, so that the available capacity exceeds the 1,000 citizens.
	const fte = Array.from({ length: caseManagers }, (_, k) =>
		Math.max(0.75, FTES[k % FTES.length]!)
	);
	const heavyLoads = Array.from({ length: overloaded }, () => 12 + Math.floor(rng() * 3));
	const heavyTotal = heavyLoads.reduce((a, b) => a + b, 0);
	const lightLoads = apportion(
		total - heavyTotal,
		fte.slice(overloaded).map(() => 1 + rng())
	);
	return planTeam(
		rng,
		'Storteam',
		fte,
		[...heavyLoads, ...lightLoads],
		(k) => k >= caseManagers - absent,
		0
	);
}

/** Multi-row inserts, each statement under PostgreSQL's bind-parameter limit. */
async function insertAll<T extends PgTable>(db: Database, table: T, rows: T['$inferInsert'][]) {
	const columns = Object.keys(getTableColumns(table)).length;
	const size = Math.floor(MAX_PARAMETERS / columns);
	for (let start = 0; start < rows.length; start += size) {
		await db.insert(table).values(rows.slice(start, start + size) as never);
	}
	return rows.length;
}

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Everything a team plan implies, as rows: staff, citizens, history, contacts, covers. */
async function insertTeams(
	db: Database,
	municipalityId: string,
	tag: string,
	plans: TeamPlan[],
	rng: () => number
): Promise<number> {
	const now = Date.now();
	const ago = (days: number) => new Date(now - days * DAY);
	const rows = {
		organisations: [] as (typeof organisations.$inferInsert)[],
		teamSettings: [] as (typeof teamSettings.$inferInsert)[],
		users: [] as (typeof users.$inferInsert)[],
		citizens: [] as (typeof citizens.$inferInsert)[],
		assignments: [] as (typeof assignments.$inferInsert)[],
		housing: [] as (typeof housingHistory.$inferInsert)[],
		contacts: [] as (typeof contacts.$inferInsert)[],
		participants: [] as (typeof contactParticipants.$inferInsert)[],
		buddies: [] as (typeof coverBuddies.$inferInsert)[],
		absences: [] as (typeof absences.$inferInsert)[],
		grants: [] as (typeof coverGrants.$inferInsert)[]
	};
	const acuteReasons = ['crisis', 'hospital_discharge', 'eviction_threat'] as const;
	for (const plan of plans) {
		rows.organisations.push({ id: plan.id, municipalityId, kind: 'icm_team', name: plan.name });
		rows.teamSettings.push({ teamId: plan.id });
		const staff = (id: string, role: 'team_leader' | 'case_manager', name: string, fte = 1) =>
			rows.users.push({
				id,
				municipalityId,
				organisationId: plan.id,
				role,
				name,
				email: `${id.slice(0, 8)}.${tag}@bench.example`,
				fte
			});
		staff(plan.leaderId, 'team_leader', `${plan.name} teamleder`);
		const absenceOf = new Map<number, string>();
		plan.managers.forEach((m, k) => {
			staff(m.id, 'case_manager', m.name, m.fte);
			if (!m.absent) return;
			const id = randomUUID();
			absenceOf.set(k, id);
			rows.absences.push({
				id,
				userId: m.id,
				kind: 'sick',
				startsAt: ago(5),
				endsAt: ago(-10),
				enteredBy: plan.leaderId
			});
		});
		for (const c of plan.citizens) {
			const manager = plan.managers[c.manager]!;
			rows.citizens.push({
				id: c.id,
				municipalityId,
				teamId: plan.id,
				firstName: 'Borger',
				lastName: c.id.slice(0, 8),
				status: 'active',
				acuteReason: c.acute ? acuteReasons[Math.floor(rng() * 3)]! : null,
				acuteSince: c.acute ? ago(Math.floor(rng() * 14)) : null
			});
			// A third had another case manager before: the overview must skip ended assignments.
			const started = 100 + Math.floor(rng() * 600);
			if (rng() < 0.3) {
				const before = plan.managers[(c.manager + 1) % plan.managers.length]!;
				rows.assignments.push({
					citizenId: c.id,
					caseManagerId: before.id,
					startedAt: ago(started + 200),
					endedAt: ago(started),
					createdBy: plan.leaderId
				});
			}
			rows.assignments.push({
				citizenId: c.id,
				caseManagerId: manager.id,
				startedAt: ago(started),
				createdBy: plan.leaderId
			});
			const movedIn = c.inMoveInPeriod ? 5 + Math.floor(rng() * 75) : 120 + Math.floor(rng() * 800);
			const situation = c.inMoveInPeriod || rng() < 0.4 ? 'own_home' : 'shelter';
			rows.housing.push({
				citizenId: c.id,
				situation: 'street',
				fromDate: isoDate(now - (movedIn + 300) * DAY),
				toDate: isoDate(now - movedIn * DAY)
			});
			rows.housing.push({ citizenId: c.id, situation, fromDate: isoDate(now - movedIn * DAY) });
			// Three older contacts, and for some citizens one to three in the last seven days.
			const recent = rng() < 0.45 ? 1 + Math.floor(rng() * 3) : 0;
			for (let i = 0; i < 3 + recent; i++) {
				const days = i < 3 ? 8 + Math.floor(rng() * 170) : rng() * 6.5;
				rows.contacts.push({
					id: randomUUID(),
					clientId: randomUUID(),
					citizenId: c.id,
					authorId: manager.id,
					occurredAt: ago(days),
					kind: 'visit',
					place: situation === 'own_home' ? 'own_home' : 'shelter',
					durationMinutes: 15 + Math.floor(rng() * 100)
				});
			}
			const [buddy, ...joined] = c.knownBy;
			if (buddy !== undefined) {
				rows.buddies.push({ citizenId: c.id, buddyId: plan.managers[buddy]!.id });
			}
			const firstContact = rows.contacts.at(-1 - recent)!;
			for (const k of joined) {
				const colleague = plan.managers[k]!;
				rows.participants.push({
					contactId: firstContact.id!,
					userId: colleague.id,
					name: colleague.name
				});
			}
			if (c.coveredBy !== null) {
				rows.grants.push({
					absenceId: absenceOf.get(c.manager)!,
					citizenId: c.id,
					coverUserId: plan.managers[c.coveredBy]!.id,
					status: 'confirmed',
					startsAt: ago(5),
					endsAt: ago(-10),
					confirmedBy: plan.leaderId,
					confirmedAt: ago(5)
				});
			}
		}
	}
	let count = 0;
	count += await insertAll(db, organisations, rows.organisations);
	count += await insertAll(db, teamSettings, rows.teamSettings);
	count += await insertAll(db, users, rows.users);
	count += await insertAll(db, citizens, rows.citizens);
	count += await insertAll(db, assignments, rows.assignments);
	count += await insertAll(db, housingHistory, rows.housing);
	count += await insertAll(db, contacts, rows.contacts);
	count += await insertAll(db, contactParticipants, rows.participants);
	count += await insertAll(db, coverBuddies, rows.buddies);
	count += await insertAll(db, absences, rows.absences);
	count += await insertAll(db, coverGrants, rows.grants);
	return count;
}

function leaderOf(plan: TeamPlan, municipalityId: string, tag: string): Actor {
	return {
		userId: plan.leaderId,
		role: 'team_leader',
		name: `${plan.name} teamleder`,
		email: `${plan.leaderId.slice(0, 8)}.${tag}@bench.example`,
		municipalityId,
		organisationId: plan.id,
		sessionId: 'bench'
	};
}

/** Two municipalities: the 5,000-citizen tenant, and one with the large team for the rebalancer. */
export async function seedCaseload(db: Database): Promise<CaseloadTenant> {
	const tag = randomBytes(4).toString('hex');
	const rng = mulberry32(20261124);
	const tenantPlans = planTenant(rng);
	const largePlan = planLargeTeam(rng);
	// No second factor: the viewers' sessions must be full sign-ins without a TOTP step.
	const [tenant, other] = await db
		.insert(municipalities)
		.values([
			{ name: `Benchmark ${tag}`, code: `C${tag}`, twoFactorRoles: [] },
			{ name: `Benchmark ${tag} storteam`, code: `R${tag}`, twoFactorRoles: [] }
		])
		.returning({ id: municipalities.id });
	let rows = 2;
	rows += await insertTeams(db, tenant!.id, tag, tenantPlans, rng);
	rows += await insertTeams(db, other!.id, tag, [largePlan], rng);
	const teams = tenantPlans.map((plan) => ({ plan, leader: leaderOf(plan, tenant!.id, tag) }));
	return {
		teams,
		focus: teams[0]!,
		large: { plan: largePlan, leader: leaderOf(largePlan, other!.id, tag) },
		staff: tenantPlans.reduce((sum, p) => sum + 1 + p.managers.length, 0),
		citizens: tenantPlans.reduce((sum, p) => sum + p.citizens.length, 0),
		rows
	};
}

/** Team leaders of one team who will watch its dashboard, each signed in on their own. */
export async function addViewers(db: Database, team: SeededTeam, count: number): Promise<Actor[]> {
	const actors: Actor[] = Array.from({ length: count }, (_, i) => {
		const id = randomUUID();
		return {
			userId: id,
			role: 'team_leader',
			name: `Seer ${i + 1}`,
			email: `viewer.${id.slice(0, 8)}@bench.example`,
			municipalityId: team.leader.municipalityId,
			organisationId: team.plan.id,
			sessionId: 'bench'
		};
	});
	await insertAll(
		db,
		users,
		actors.map((a) => ({
			id: a.userId,
			municipalityId: a.municipalityId,
			organisationId: a.organisationId,
			role: a.role,
			name: a.name,
			email: a.email
		}))
	);
	return actors;
}
