import os from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookie';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { reassignCitizen } from '../../src/lib/server/caseload/reassign';
import { suggestRebalancing } from '../../src/lib/server/caseload/rebalance';
import { suggestForTeam } from '../../src/lib/server/caseload/suggestions';
import { readTeamOverview } from '../../src/lib/server/caseload/team-overview';
import { readConfig } from '../../src/lib/server/config';
import type { Database, DatabaseHandle } from '../../src/lib/server/db/client';
import * as schema from '../../src/lib/server/db/schema';
import { attachRealtime } from '../../src/lib/server/realtime/attach';
import { stopRuntime, useRuntime } from '../../src/lib/server/runtime';
import {
	addViewers,
	openCaseloadDatabase,
	REBALANCE,
	seedCaseload,
	type SeededTeam,
	type TeamPlan
} from '../caseload-data';
import { sleep } from '../clients';
import { percentile } from '../stats';

export const VIEWERS = 200;
const DASHBOARD = { warmUp: 20, calls: 200, largeTeamCalls: 50 };
const REBALANCE_RUNS = { warmUp: 3, runs: 30, endToEnd: 10 };
const LIVE = { warmUp: 3, changes: 30, reloadRounds: 5, timeoutMs: 10_000 };

export interface Timing {
	runs: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export interface CaseloadResult {
	engine: 'PGlite' | 'PostgreSQL';
	at: string;
	loadAverage: number;
	tenant: { teams: number; staff: number; citizens: number; rows: number };
	dashboard: {
		staff: number;
		citizens: number;
		timing: Timing;
		/** SQL statements one readTeamOverview sends; the same for every team size is "no N+1". */
		statements: number;
		large: { staff: number; citizens: number; timing: Timing; statements: number };
	};
	rebalance: {
		caseManagers: number;
		citizens: number;
		timing: Timing;
		moves: number;
		/** Everyone within capacity afterwards (else the rebalancer reports a shortfall). */
		feasible: boolean;
	};
	suggest: { timing: Timing; moves: number; statements: number };
	live: {
		viewers: number;
		/** From just before reassignCitizen until the last viewer has `changed`. */
		timing: Timing;
		/** From the publish (the event's own timestamp) until the last viewer has it. */
		publishToLastP50: number;
		reassignP50: number;
		/** Viewer deliveries that had not arrived after the timeout, over all changes. */
		missed: number;
		/** Change until every viewer has re-read its dashboard data (readTeamOverview each). */
		reloaded: Timing;
	};
}

function summary(samples: number[]): Timing {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		runs: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.at(-1) ?? Number.NaN
	};
}

async function timeRuns(warmUp: number, runs: number, task: () => Promise<unknown>) {
	for (let i = 0; i < warmUp; i++) await task();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await task();
		samples.push(performance.now() - start);
	}
	return summary(samples);
}

/**
 * A second drizzle instance over the same driver client, with a logger that counts: the app's
 * own code runs unchanged against it, and every statement drizzle sends is counted.
 */
function statementCounter(handle: DatabaseHandle) {
	let count = 0;
	const queries: string[] = [];
	const logger = {
		logQuery(query: string) {
			count++;
			queries.push(query.replace(/\s+/g, ' ').slice(0, 70));
		}
	};
	const client = (handle.db as unknown as { $client: unknown }).$client;
	const db: Database =
		handle.engine === 'pglite'
			? drizzlePglite(client as PGlite, { schema, casing: 'snake_case', logger })
			: drizzlePostgres(client as Sql, { schema, casing: 'snake_case', logger });
	return async (task: (db: Database) => Promise<unknown>) => {
		count = 0;
		queries.length = 0;
		await task(db);
		return { count, queries: [...queries] };
	};
}

function rebalanceInput(plan: TeamPlan) {
	const managers = plan.managers.map((m) => ({
		id: m.id,
		name: m.name,
		teamId: plan.id,
		capacity: Math.floor(8 * m.fte + 1e-9),
		available: !m.absent
	}));
	const citizens = plan.citizens.map((c) => ({
		id: c.id,
		caseManagerId: plan.managers[c.manager]!.id,
		inMoveInPeriod: c.inMoveInPeriod,
		knownBy: c.knownBy.map((k) => plan.managers[k]!.id)
	}));
	return { managers, citizens };
}

type Viewer = Socket<ServerToClientEvents, ClientToServerEvents>;

async function connectViewer(httpUrl: string, cookie: string, teamId: string): Promise<Viewer> {
	const socket: Viewer = connectSocket(httpUrl, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false
	});
	await new Promise((resolve, reject) => {
		socket.once('welcome', resolve);
		socket.once('connect_error', reject);
	});
	const answer = await socket.emitWithAck('watch-team', { teamId });
	if (!answer.ok) throw new Error(`watch-team refused: ${answer.error}`);
	return socket;
}

/**
 * 200 team leaders watch one team's dashboard over socket.io; the team leader moves a citizen
 * with the real reassignCitizen, and the clock runs until the last viewer has the `changed` event.
 */
async function measureLive(
	db: Database,
	team: SeededTeam,
	progress: (message: string) => void
): Promise<CaseloadResult['live']> {
	const server = http.createServer((request, response) => {
		if (!realtime.handleRequest(request, response)) response.writeHead(404).end();
	});
	const realtime = await attachRealtime(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const httpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const viewers = await addViewers(db, team, VIEWERS);
	const sockets: Viewer[] = [];
	try {
		for (let start = 0; start < viewers.length; start += 25) {
			const wave = viewers.slice(start, start + 25);
			const cookies = await Promise.all(
				wave.map(async (viewer) => {
					const token = generateSessionToken();
					await createSession(db, token, viewer.userId, { days: 1, idleMinutes: 120 });
					return `${SESSION_COOKIE}=${token}`;
				})
			);
			sockets.push(
				...(await Promise.all(cookies.map((c) => connectViewer(httpUrl, c, team.plan.id))))
			);
		}
		progress(`live: ${sockets.length} viewers watch ${team.plan.name}`);

		let round: {
			seen: Set<number>;
			last: number;
			eventAt: string;
			done: () => void;
			onEach?: (index: number) => void;
		} | null = null;
		sockets.forEach((socket, index) =>
			socket.on('changed', (event) => {
				if (event.topic !== 'caseload' || !round || round.seen.has(index)) return;
				round.seen.add(index);
				round.last = performance.now();
				round.eventAt = event.at;
				round.onEach?.(index);
				if (round.seen.size === sockets.length) round.done();
			})
		);

		const receivers = team.plan.managers.filter((m) => !m.absent);
		const moved = team.plan.citizens.filter((c) => !team.plan.managers[c.manager]!.absent);
		let change = 0;
		const oneChange = async (onEach?: (index: number) => void) => {
			const citizen = moved[change % moved.length]!;
			const from = team.plan.managers[citizen.manager]!;
			const to = receivers[(receivers.indexOf(from) + 1 + (change % 3)) % receivers.length]!;
			change++;
			let done = () => {};
			const arrived = new Promise<void>((resolve) => (done = resolve));
			const current = { seen: new Set<number>(), last: 0, eventAt: '', done, onEach };
			const timer = setTimeout(done, LIVE.timeoutMs);
			round = current;
			const start = performance.now();
			await reassignCitizen(db, team.leader, {
				citizenId: citizen.id,
				toCaseManagerId: to.id,
				expectedFromId: from.id,
				reason: 'Benchmark: udligning af sagsstamme',
				overrideReason: 'Benchmark: bevidst over kapacitet'
			});
			const returned = performance.now();
			citizen.manager = team.plan.managers.indexOf(to);
			await arrived;
			clearTimeout(timer);
			round = null;
			await sleep(50);
			return {
				ms: current.last - start,
				publishToLast: performance.timeOrigin + current.last - Date.parse(current.eventAt),
				reassign: returned - start,
				missed: sockets.length - current.seen.size
			};
		};

		for (let i = 0; i < LIVE.warmUp; i++) await oneChange();
		const rounds = [];
		for (let i = 0; i < LIVE.changes; i++) rounds.push(await oneChange());
		progress(`live: ${LIVE.changes} changes delivered; now with every viewer re-reading`);
		const reloaded: number[] = [];
		for (let i = 0; i < LIVE.reloadRounds; i++) {
			const reads: Promise<number>[] = [];
			const start = performance.now();
			const { missed } = await oneChange((index) =>
				reads.push(
					readTeamOverview(db, viewers[index]!, team.plan.id).then(() => performance.now())
				)
			);
			const times = await Promise.all(reads);
			if (missed === 0) reloaded.push(Math.max(...times) - start);
		}
		const delivered = rounds.filter((r) => r.missed === 0);
		return {
			viewers: sockets.length,
			timing: summary(delivered.map((r) => r.ms)),
			publishToLastP50: percentile(
				delivered.map((r) => r.publishToLast).sort((a, b) => a - b),
				50
			),
			reassignP50: percentile(
				rounds.map((r) => r.reassign).sort((a, b) => a - b),
				50
			),
			missed: rounds.reduce((sum, r) => sum + r.missed, 0),
			reloaded: summary(reloaded)
		};
	} finally {
		for (const socket of sockets) socket.disconnect();
		await realtime.close();
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

export async function runCaseload(progress: (message: string) => void): Promise<CaseloadResult> {
	const loadAverage = os.loadavg()[0]!;
	const database = await openCaseloadDatabase();
	const { handle } = database;
	// The app's code reaches the database through runtime(), as in the integration tests.
	const config = readConfig({ ...process.env, DATA_DIR: '/nonexistent', REDIS_URL: '' });
	useRuntime({ config, database: handle, db: handle.db, demoLogins: [] });
	try {
		const { db } = handle;
		progress(`caseload on ${database.engine}: seeding the tenant`);
		const seeded = performance.now();
		const tenant = await seedCaseload(db);
		progress(
			`caseload: ${tenant.rows.toLocaleString('en')} rows in ${Math.round((performance.now() - seeded) / 1000)} s`
		);
		const count = statementCounter(handle);
		const { focus, large } = tenant;

		progress(`dashboard: ${DASHBOARD.calls} × readTeamOverview`);
		const overview = (team: SeededTeam) => () => readTeamOverview(db, team.leader, team.plan.id);
		const timing = await timeRuns(DASHBOARD.warmUp, DASHBOARD.calls, overview(focus));
		const largeTiming = await timeRuns(5, DASHBOARD.largeTeamCalls, overview(large));
		const focusCount = await count((d) => readTeamOverview(d, focus.leader, focus.plan.id));
		const largeCount = await count((d) => readTeamOverview(d, large.leader, large.plan.id));
		progress(`dashboard statements: ${focusCount.queries.join(' | ')}`);

		progress(`rebalancing: ${REBALANCE_RUNS.runs} × suggestRebalancing`);
		const input = rebalanceInput(large.plan);
		const rebalance = () =>
			suggestRebalancing(input.managers, input.citizens, {
				capacityPerFte: 8,
				teamId: large.plan.id
			});
		const rebalanceTiming = await timeRuns(REBALANCE_RUNS.warmUp, REBALANCE_RUNS.runs, () =>
			Promise.resolve(rebalance())
		);
		const suggestTiming = await timeRuns(1, REBALANCE_RUNS.endToEnd, () =>
			suggestForTeam(db, large.leader, large.plan.id)
		);
		let suggestMoves = 0;
		const suggestCount = await count(async (d) => {
			suggestMoves = (await suggestForTeam(d, large.leader, large.plan.id)).moves.length;
		});

		const result = rebalance();
		const live = await measureLive(db, focus, progress);
		return {
			engine: database.engine,
			at: new Date().toISOString(),
			loadAverage,
			tenant: {
				teams: tenant.teams.length,
				staff: tenant.staff,
				citizens: tenant.citizens,
				rows: tenant.rows
			},
			dashboard: {
				staff: 1 + focus.plan.managers.length,
				citizens: focus.plan.citizens.length,
				timing,
				statements: focusCount.count,
				large: {
					staff: 1 + large.plan.managers.length,
					citizens: large.plan.citizens.length,
					timing: largeTiming,
					statements: largeCount.count
				}
			},
			rebalance: {
				caseManagers: REBALANCE.caseManagers,
				citizens: REBALANCE.citizens,
				timing: rebalanceTiming,
				moves: result.moves.length,
				feasible: result.feasible
			},
			suggest: { timing: suggestTiming, moves: suggestMoves, statements: suggestCount.count },
			live
		};
	} finally {
		await stopRuntime();
		await database.cleanup();
	}
}
