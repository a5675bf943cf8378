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
import { readLoadHistory } from '../../src/lib/server/caseload/history';
import { reassignCitizen } from '../../src/lib/server/caseload/reassign';
import { suggestRebalancing } from '../../src/lib/server/caseload/rebalance';
import { suggestForTeam } from '../../src/lib/server/caseload/suggestions';
import {
	computeTeamOverview,
	readTeamOverview,
	type TeamOverview
} from '../../src/lib/server/caseload/team-overview';
import { readConfig } from '../../src/lib/server/config';
import type { Database, DatabaseHandle } from '../../src/lib/server/db/client';
import * as schema from '../../src/lib/server/db/schema';
import { readEscalations } from '../../src/lib/server/journal/escalations';
import { supportHoursByCaseManager } from '../../src/lib/server/journal/support-hours';
import type { Actor } from '../../src/lib/server/policy/actor';
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
const DASHBOARD = { warmUp: 20, calls: 200, largeTeamCalls: 50, pageCalls: 50, largePageCalls: 20 };
const REBALANCE_RUNS = { warmUp: 3, runs: 30, endToEnd: 10 };
const LIVE = {
	warmUp: 3,
	changes: 30,
	reloadRounds: 10,
	reloadDelayMs: 1000,
	reloadSpreadMs: 5000,
	timeoutMs: 10_000
};

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
		/** The whole team page load (teamPageLoad), of which readTeamOverview is the first read. */
		page: { timing: Timing; statements: number };
		large: {
			staff: number;
			citizens: number;
			timing: Timing;
			statements: number;
			page: { timing: Timing; statements: number };
		};
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
		/**
		 * From just before reassignCitizen until the last viewer has the `team-overview` push with
		 * the move in its numbers: what "every open dashboard shows the change" means now.
		 */
		push: Timing;
		/** From just before reassignCitizen until the last viewer has the `changed` event. */
		changed: Timing;
		reassignP50: number;
		/** From the publish (`changed`'s timestamp) to the push's timestamp: settle and compute. */
		publishToPushP50: number;
		/** From the push's timestamp until the last viewer has it: the fan-out. */
		pushToLastP50: number;
		/** Viewer deliveries that had not arrived after the timeout, over all changes. */
		missed: { changed: number; push: number };
		/** Changes where every viewer also reloads the page at a random moment within spreadMs. */
		reloads: {
			spreadMs: number;
			/** From the change until the last of the viewers' page loads has finished. */
			lastDone: Timing;
			/** The push in the same changes, with the reloads competing for the database. */
			push: Timing;
			/** Until the last viewer has the new numbers, from the push or its own reload. */
			shown: Timing;
			missed: number;
		};
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
 * What the team page's `load` (src/routes/(app)/team/+page.server.ts) reads, in its order: in
 * process, so without HTTP, the session check and rendering.
 */
async function teamPageLoad(db: Database, actor: Actor, teamId: string): Promise<void> {
	if (!(await readTeamOverview(db, actor, teamId))) throw new Error('team page refused');
	await readEscalations(db, actor, teamId);
	await readLoadHistory(db, actor, teamId);
	await supportHoursByCaseManager(db, actor, teamId);
}

/** The dashboard shows a pushed overview only if it is the team's numbers after this change. */
function showsMove(overview: TeamOverview, expected: ReadonlyMap<string, number>): boolean {
	return (
		overview.caseManagers.length === expected.size &&
		overview.caseManagers.every((m) => expected.get(m.id) === m.citizens)
	);
}

interface LiveRound {
	/** Each case manager's citizen count once the move is in. */
	expected: ReadonlyMap<string, number>;
	/** Viewer index → arrival (performance.now()). */
	changed: Map<number, number>;
	pushed: Map<number, number>;
	changedAt: string;
	pushedAt: string;
	onPushed?: (index: number) => void;
	arrival: () => void;
}

const lastOf = (arrivals: Map<number, number>) => Math.max(...arrivals.values());

/**
 * 200 team leaders watch one team's dashboard over socket.io; the team leader moves a citizen
 * with the real reassignCitizen. The clock runs until the last viewer has the server's
 * `team-overview` push with the moved citizen counted at the receiving case manager (what the
 * dashboard shows at once), and separately until the last has the `changed` event. In the reload
 * rounds every viewer also reloads the rest of the page as the dashboard does: 1 s plus a random
 * moment within 5 s after the push.
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

		let round: LiveRound | null = null;
		sockets.forEach((socket, index) => {
			socket.on('changed', (event) => {
				if (event.topic !== 'caseload' || !round || round.changed.has(index)) return;
				round.changed.set(index, performance.now());
				round.changedAt = event.at;
				round.arrival();
			});
			socket.on('team-overview', (event) => {
				if (!round || event.teamId !== team.plan.id || round.pushed.has(index)) return;
				if (!showsMove(event.overview, round.expected)) return;
				round.pushed.set(index, performance.now());
				round.pushedAt = event.at;
				round.onPushed?.(index);
				round.arrival();
			});
		});

		const counts = new Map(
			(await computeTeamOverview(db, team.plan.id)).caseManagers.map((m) => [m.id, m.citizens])
		);
		const receivers = team.plan.managers.filter((m) => !m.absent);
		const moved = team.plan.citizens.filter((c) => !team.plan.managers[c.manager]!.absent);
		let change = 0;
		const oneChange = async (reload: boolean) => {
			const citizen = moved[change % moved.length]!;
			const from = team.plan.managers[citizen.manager]!;
			const to = receivers[(receivers.indexOf(from) + 1 + (change % 3)) % receivers.length]!;
			change++;
			counts.set(from.id, counts.get(from.id)! - 1);
			counts.set(to.id, counts.get(to.id)! + 1);
			const reloads: Promise<void>[] = [];
			const reloaded = new Map<number, number>();
			let done = () => {};
			const arrived = new Promise<void>((resolve) => (done = resolve));
			const current: LiveRound = {
				expected: new Map(counts),
				changed: new Map(),
				pushed: new Map(),
				changedAt: '',
				pushedAt: '',
				onPushed: reload
					? (index) =>
							reloads.push(
								sleep(LIVE.reloadDelayMs + Math.random() * LIVE.reloadSpreadMs)
									.then(() => teamPageLoad(db, viewers[index]!, team.plan.id))
									.then(() => void reloaded.set(index, performance.now()))
							)
					: undefined,
				arrival: () => {
					if (current.changed.size === sockets.length && current.pushed.size === sockets.length)
						done();
				}
			};
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
			await Promise.all(reloads);
			round = null;
			await sleep(50);
			const missed = {
				changed: sockets.length - current.changed.size,
				push: sockets.length - current.pushed.size
			};
			const complete = missed.changed === 0 && missed.push === 0;
			return {
				complete,
				missed,
				push: lastOf(current.pushed) - start,
				changed: lastOf(current.changed) - start,
				reassign: returned - start,
				publishToPush: Date.parse(current.pushedAt) - Date.parse(current.changedAt),
				pushToLast: performance.timeOrigin + lastOf(current.pushed) - Date.parse(current.pushedAt),
				reloaded: complete && reload ? lastOf(reloaded) - start : Number.NaN,
				// A dashboard has the new numbers from the push or from its own reload, whichever is first.
				shown:
					complete && reload
						? Math.max(
								...sockets.map((_, i) => Math.min(current.pushed.get(i)!, reloaded.get(i)!))
							) - start
						: Number.NaN
			};
		};

		for (let i = 0; i < LIVE.warmUp; i++) await oneChange(false);
		const rounds = [];
		for (let i = 0; i < LIVE.changes; i++) rounds.push(await oneChange(false));
		progress(`live: ${LIVE.changes} changes pushed; now with every viewer reloading the page`);
		const reloadRounds = [];
		for (let i = 0; i < LIVE.reloadRounds; i++) reloadRounds.push(await oneChange(true));
		const complete = rounds.filter((r) => r.complete);
		const completeReloads = reloadRounds.filter((r) => r.complete);
		const p50 = (values: number[]) =>
			percentile(
				[...values].sort((a, b) => a - b),
				50
			);
		return {
			viewers: sockets.length,
			push: summary(complete.map((r) => r.push)),
			changed: summary(complete.map((r) => r.changed)),
			reassignP50: p50(rounds.map((r) => r.reassign)),
			publishToPushP50: p50(complete.map((r) => r.publishToPush)),
			pushToLastP50: p50(complete.map((r) => r.pushToLast)),
			missed: {
				changed: rounds.reduce((sum, r) => sum + r.missed.changed, 0),
				push: rounds.reduce((sum, r) => sum + r.missed.push, 0)
			},
			reloads: {
				spreadMs: LIVE.reloadDelayMs + LIVE.reloadSpreadMs,
				lastDone: summary(completeReloads.map((r) => r.reloaded)),
				push: summary(completeReloads.map((r) => r.push)),
				shown: summary(completeReloads.map((r) => r.shown)),
				missed: reloadRounds.reduce((sum, r) => sum + r.missed.changed + r.missed.push, 0)
			}
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
		progress(`team page: ${DASHBOARD.pageCalls} × the page's four reads`);
		const page = (team: SeededTeam) => () => teamPageLoad(db, team.leader, team.plan.id);
		const pageTiming = await timeRuns(5, DASHBOARD.pageCalls, page(focus));
		const largePageTiming = await timeRuns(2, DASHBOARD.largePageCalls, page(large));
		const pageCount = await count((d) => teamPageLoad(d, focus.leader, focus.plan.id));
		const largePageCount = await count((d) => teamPageLoad(d, large.leader, large.plan.id));

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
				page: { timing: pageTiming, statements: pageCount.count },
				large: {
					staff: 1 + large.plan.managers.length,
					citizens: large.plan.citizens.length,
					timing: largeTiming,
					statements: largeCount.count,
					page: { timing: largePageTiming, statements: largePageCount.count }
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
