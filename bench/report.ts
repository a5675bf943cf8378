import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { renderMarkdown } from './stats';
import { allTables, type Results } from './tables';

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
	saved.machine = machine;
	for (const key of Object.keys(results) as (keyof Results)[]) {
		saved.results[key] = results[key] as never;
		saved.ranAt[key] = machine.date;
	}
	fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
	fs.writeFileSync(RESULTS_FILE, JSON.stringify(saved, null, '\t') + '\n');
	return saved;
}

function resultsBlock(saved: Saved): string {
	const m = saved.machine;
	const byTime = new Map<string, string[]>();
	for (const [scenario, at] of Object.entries(saved.ranAt)) {
		byTime.set(at, [...(byTime.get(at) ?? []), scenario]);
	}
	const ran = [...byTime].map(([at, scenarios]) => `${scenarios.join(', ')} at ${at}`).join('; ');
	return [
		START,
		'',
		`Machine: ${m.nproc} cores (\`nproc\`), ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node};`,
		`Samplan on ${m.database}; load average ${m.loadAverage.toFixed(1)} at the start. Run: ${ran}.`,
		'',
		...allTables(saved.results).flatMap((table) => [renderMarkdown(table), '']),
		END
	].join('\n');
}

/**
 * Replaces the generated block of bench/README.md (between the results markers) and leaves the
 * hand-written text around it alone; then formats the file as `prettier --check` expects.
 */
export async function writeReadme(saved: Saved): Promise<void> {
	const current = fs.existsSync(README) ? fs.readFileSync(README, 'utf8') : '';
	const block = resultsBlock(saved);
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	const next =
		start >= 0 && end > start
			? current.slice(0, start) + block + current.slice(end + END.length)
			: `# Benchmarks\n\n## Results\n\n${block}\n`;
	const options = (await prettier.resolveConfig(README)) ?? {};
	fs.writeFileSync(README, await prettier.format(next, { ...options, filepath: README }));
}
