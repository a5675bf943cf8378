import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { renderMarkdown } from './stats';
import { caseloadTables, yjsTables, type Results } from './tables';

const BENCH_DIR = import.meta.dirname;
const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.json');
const README = path.join(BENCH_DIR, 'README.md');
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export interface Machine {
	nproc: number;
	cpu: string;
	memoryGiB: number;
	node: string;
	os: string;
	database: string;
	date: string;
	/** 1-minute load average when the run began: other work on the machine skews every number. */
	loadAverage: number;
}

interface Saved {
	machine: Machine;
	/** When each scenario last ran; a single-scenario run keeps the others' results. */
	ranAt: Partial<Record<keyof Results, string>>;
	results: Results;
}

export function machineFacts(database: string): Machine {
	return {
		nproc: os.availableParallelism(),
		cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		os: `${os.type()} ${os.release()}`,
		database,
		date: new Date().toISOString(),
		loadAverage: os.loadavg()[0]!
	};
}

/** Merges this run's results into bench/results/latest.json and returns everything known. */
export function saveResults(machine: Machine, results: Results): Saved {
	let saved: Saved = { machine, ranAt: {}, results: {} };
	try {
		saved = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Saved;
	} catch {
		// First run: nothing to merge with.
	}
	const previous = { ...saved.results };
	saved.machine = machine;
	for (const key of Object.keys(results) as (keyof Results)[]) {
		saved.results[key] = results[key] as never;
		saved.ranAt[key] = machine.date;
	}
	// Caseload runs on either engine; each engine's row stays until that engine runs again.
	if (results.caseload) {
		const engines = new Set(results.caseload.map((r) => r.engine));
		// A row saved before the live update measured the push has no `live.push`: run it again.
		const kept = (previous.caseload ?? []).filter(
			(r) => !engines.has(r.engine) && r.live.push !== undefined
		);
		saved.results.caseload = [...kept, ...results.caseload].sort((a, b) =>
			a.engine.localeCompare(b.engine)
		);
	}
	fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
	fs.writeFileSync(RESULTS_FILE, JSON.stringify(saved, null, '\t') + '\n');
	return saved;
}

const CASELOAD_START = '<!-- caseload-results:start -->';
const CASELOAD_END = '<!-- caseload-results:end -->';

const machineLine = (m: Machine) =>
	`Machine: ${m.nproc} cores (\`nproc\`), ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node};`;

function resultsBlock(saved: Saved): string {
	const m = saved.machine;
	const byTime = new Map<string, string[]>();
	for (const [scenario, at] of Object.entries(saved.ranAt)) {
		if (scenario === 'caseload') continue;
		byTime.set(at, [...(byTime.get(at) ?? []), scenario]);
	}
	const ran = [...byTime].map(([at, scenarios]) => `${scenarios.join(', ')} at ${at}`).join('; ');
	return [
		START,
		'',
		machineLine(m),
		`Samplan on ${m.database}; load average ${m.loadAverage.toFixed(1)} at the start. Run: ${ran}.`,
		'',
		...yjsTables(saved.results).flatMap((table) => [renderMarkdown(table), '']),
		END
	].join('\n');
}

/** The caseload block has its own marker, so a caseload run leaves the Yjs tables alone. */
function caseloadBlock(saved: Saved): string {
	return [
		CASELOAD_START,
		'',
		`${machineLine(saved.machine)} engine, time and load average of each run below.`,
		'',
		...caseloadTables(saved.results.caseload ?? []).flatMap((table) => [renderMarkdown(table), '']),
		CASELOAD_END
	].join('\n');
}

function replaceBlock(
	text: string,
	[startMarker, endMarker]: [string, string],
	block: string,
	heading: string
): string {
	const start = text.indexOf(startMarker);
	const end = text.indexOf(endMarker);
	return start >= 0 && end > start
		? text.slice(0, start) + block + text.slice(end + endMarker.length)
		: `${text || '# Benchmarks\n'}\n${heading}\n\n${block}\n`;
}

/**
 * Replaces the generated blocks of bench/README.md (between the results markers) for the
 * scenarios this run measured, and leaves the hand-written text around them alone; then formats
 * the file as `prettier --check` expects.
 */
export async function writeReadme(saved: Saved, ran: readonly (keyof Results)[]): Promise<void> {
	let next = fs.existsSync(README) ? fs.readFileSync(README, 'utf8') : '';
	if (ran.some((scenario) => scenario !== 'caseload')) {
		next = replaceBlock(next, [START, END], resultsBlock(saved), '## Results');
	}
	if (ran.includes('caseload')) {
		next = replaceBlock(
			next,
			[CASELOAD_START, CASELOAD_END],
			caseloadBlock(saved),
			'## Caseload results'
		);
	}
	const options = (await prettier.resolveConfig(README)) ?? {};
	fs.writeFileSync(README, await prettier.format(next, { ...options, filepath: README }));
}
