// `npm run bench [-- propagation|coldload|storm|caseload]`: Samplan and the stock y-websocket
// server under the same load, each in its own child process, in one run; and the caseload
// scenario, which runs Samplan's own code in this process. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { login } from '../tests/helpers/server';
import { prepareDatabase, type BenchDatabase } from './database';
import { loadDocumentNames } from './documents';
import { machineFacts, saveResults, writeReadme } from './report';
import { runCaseload, VIEWERS } from './scenarios/caseload';
import { measureColdLoad, prepareColdLoad } from './scenarios/coldload';
import { runPropagation, type Scale } from './scenarios/propagation';
import { runMemory } from './scenarios/memory';
import { runStorm } from './scenarios/storm';
import { startSamplan, startStock, type BenchServer, type ServerKind } from './servers';
import { renderPlain } from './stats';
import { allTables, type Results } from './tables';

const SCENARIOS = ['propagation', 'coldload', 'storm', 'memory', 'caseload'] as const;
type Scenario = (typeof SCENARIOS)[number];

const ALL_SCALES: Scale[] = [
	{ clients: 50, documents: 10 },
	{ clients: 200, documents: 50 },
	{ clients: 1000, documents: 200 }
];
// `BENCH_SCALES=200x50` and `BENCH_SERVERS=Samplan` narrow a run while working on one number.
const SCALES = ALL_SCALES.filter(
	(s) =>
		!process.env.BENCH_SCALES ||
		process.env.BENCH_SCALES.split(',').includes(`${s.clients}x${s.documents}`)
);
const STORM = { clients: 2000, documents: 200 };
/** Whole plans opened in the memory scenario, on citizens no other scenario touches. */
const MEMORY_PLANS = 100;
const MEMORY_FIRST_CITIZEN = 200;
const EDIT_SECONDS = Number(process.env.BENCH_EDIT_SECONDS ?? 15);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 10);
const SERVERS = (['stock', 'Samplan'] as ServerKind[]).filter(
	(kind) => !process.env.BENCH_SERVERS || process.env.BENCH_SERVERS.split(',').includes(kind)
);

const began = Date.now();
const progress = (message: string) =>
	console.error(`· ${Math.round((Date.now() - began) / 1000)} s  ${message}`);

function selectedScenarios(): Scenario[] {
	const arg = process.argv[2];
	if (!arg) return [...SCENARIOS];
	if ((SCENARIOS as readonly string[]).includes(arg)) return [arg as Scenario];
	console.error(`Unknown scenario "${arg}"; choose one of ${SCENARIOS.join(', ')}.`);
	process.exit(2);
}

/** Each socket is a descriptor in both processes; the storm needs a few thousand of them. */
function checkFileLimit(needed: number): void {
	const result = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
	const limit = result.stdout.trim();
	if (limit !== 'unlimited' && Number(limit) < needed) {
		console.error(`ulimit -n is ${limit}; the benchmark needs ${needed}. Raise it and retry.`);
		process.exit(1);
	}
}

class Bench {
	private cookie: string | null = null;

	constructor(private readonly database: BenchDatabase) {}

	/** Starts a fresh server, runs `task` against it, and always stops it again. */
	async with<T>(
		kind: ServerKind,
		task: (server: BenchServer, cookie: string | null) => Promise<T>,
		nodeArgs: string[] = []
	) {
		const server =
			kind === 'stock'
				? await startStock(nodeArgs)
				: await startSamplan(this.database.serverEnv, nodeArgs);
		try {
			let cookie: string | null = null;
			if (kind === 'Samplan') {
				// One login for the whole run: sessions live in the database, not in the process.
				this.cookie ??= await this.login(server.httpUrl);
				cookie = this.cookie;
			}
			return await task(server, cookie);
		} finally {
			await server.stop();
		}
	}

	/** Retries, because a rebuild by someone else in the same tree can fail one request. */
	private async login(baseUrl: string): Promise<string> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await login(baseUrl, this.database.email, this.database.password);
			} catch (error) {
				if (attempt === 3) throw error;
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
		}
	}

	async propagation(): Promise<Results['propagation']> {
		const names = loadDocumentNames(ALL_SCALES.at(-1)!.documents, this.database.citizenIds);
		const rows = [];
		for (const scale of SCALES) {
			for (const kind of SERVERS) {
				progress(
					`propagation ${kind} ${scale.clients}×${scale.documents}, ${WARM_UP_SECONDS} s warm-up + ${EDIT_SECONDS} s`
				);
				rows.push(
					await this.with(kind, (server, cookie) =>
						runPropagation(server, names, cookie, scale, EDIT_SECONDS, WARM_UP_SECONDS)
					)
				);
			}
		}
		return rows;
	}

	async coldload(): Promise<Results['coldload']> {
		progress('cold load: storing 20,000 edits per document and compacting');
		const documents = await prepareColdLoad(this.database);
		const rows = [];
		for (const kind of SERVERS) {
			progress(`cold load ${kind}`);
			rows.push(
				await this.with(kind, (server, cookie) => measureColdLoad(server, documents, cookie))
			);
		}
		return rows;
	}

	async memory(): Promise<Results['memory']> {
		const citizens = this.database.citizenIds.slice(
			MEMORY_FIRST_CITIZEN,
			MEMORY_FIRST_CITIZEN + MEMORY_PLANS
		);
		const rows = [];
		for (const kind of SERVERS) {
			progress(`memory ${kind}: ${MEMORY_PLANS} whole plans open`);
			rows.push(
				await this.with(kind, (server, cookie) => runMemory(server, citizens, cookie), [
					'--inspect=127.0.0.1:0'
				])
			);
		}
		return rows;
	}

	async storm(): Promise<Results['storm']> {
		const names = loadDocumentNames(STORM.documents, this.database.citizenIds);
		const rows = [];
		for (const kind of SERVERS) {
			progress(`reconnect storm ${kind} ${STORM.clients}×${STORM.documents}`);
			rows.push(
				await this.with(kind, (server, cookie) => runStorm(server, names, cookie, STORM.clients))
			);
		}
		return rows;
	}
}

/** The Yjs scenarios run the built server in child processes, on a database prepared here. */
async function prepareYjs(): Promise<BenchDatabase> {
	checkFileLimit(2 * STORM.clients + 500);
	progress('building Samplan if its build is stale');
	// A second attempt, because a `svelte-kit sync` running beside us can break one build.
	const build = () =>
		spawnSync(process.execPath, ['scripts/ensure-build.js'], { stdio: 'inherit' });
	if (build().status !== 0 && build().status !== 0) throw new Error('the build failed');

	const citizens = Math.max(
		STORM.documents,
		MEMORY_FIRST_CITIZEN + MEMORY_PLANS,
		...SCALES.map((s) => s.documents)
	);
	progress(`preparing the database (${citizens} citizens, one case manager)`);
	return prepareDatabase(citizens);
}

async function main(): Promise<void> {
	const scenarios = selectedScenarios();
	// The caseload scenario needs no build: it runs the app's modules in this process.
	const database = scenarios.some((s) => s !== 'caseload') ? await prepareYjs() : null;
	if (!database) checkFileLimit(2 * VIEWERS + 200);
	const machine = machineFacts(
		database?.engine ?? (process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite')
	);
	if (machine.loadAverage > machine.nproc) {
		progress(
			`load average ${machine.loadAverage.toFixed(1)} on ${machine.nproc} cores: expect noise`
		);
	}
	const bench = database && new Bench(database);
	const results: Results = {};
	try {
		for (const scenario of scenarios) {
			const started = Date.now();
			if (scenario === 'propagation') results.propagation = await bench!.propagation();
			if (scenario === 'coldload') results.coldload = await bench!.coldload();
			if (scenario === 'storm') results.storm = await bench!.storm();
			if (scenario === 'memory') results.memory = await bench!.memory();
			if (scenario === 'caseload') results.caseload = [await runCaseload(progress)];
			progress(`${scenario} took ${Math.round((Date.now() - started) / 1000)} s`);
		}
	} finally {
		await database?.cleanup();
	}

	console.log(`\n${machine.nproc} cores, Node ${machine.node}, Samplan on ${machine.database}`);
	console.log(`${machine.date}, load average ${machine.loadAverage.toFixed(1)} at the start\n`);
	for (const table of allTables(results)) console.log(`${renderPlain(table)}\n`);
	const saved = saveResults(machine, results);
	await writeReadme(saved, scenarios);
	progress('results written to bench/README.md');
}

await main();
// Stock providers keep timers; every client is destroyed, but nothing else should keep us here.
process.exit(0);
