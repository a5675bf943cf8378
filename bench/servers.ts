import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { startServer } from '../tests/helpers/server';

export type ServerKind = 'Samplan' | 'stock';

/** A server under test, running in its own child process so its CPU and memory are its own. */
export interface BenchServer {
	kind: ServerKind;
	httpUrl: string;
	/** Base URL for a y-websocket provider; the document name is appended after a slash. */
	wsUrl: string;
	pid: number;
	usage(): ProcessUsage;
	/** Lines the server printed that look like errors (Samplan logs failed stores and loads). */
	errorLines(): number;
	/** Everything the server printed, for the error when it dies mid-scenario. */
	output(): string;
	stop(): Promise<void>;
}

export interface ProcessUsage {
	/** User + system CPU time since the process started, in milliseconds. */
	cpuMs: number;
	rssBytes: number;
}

const CLOCK_TICKS = (() => {
	const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
	const ticks = Number(result.stdout?.trim());
	return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

/** CPU and resident memory of a process, from /proc (Linux). */
export function processUsage(pid: number, output?: () => string): ProcessUsage {
	if (!fs.existsSync(`/proc/${pid}`)) {
		throw new Error(`server ${pid} has exited; its last output:\n${output?.().slice(-4000)}`);
	}
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the parenthesised command name; utime and stime are fields 14 and 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticks = Number(fields[11]) + Number(fields[12]);
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
	return { cpuMs: (ticks * 1000) / CLOCK_TICKS, rssBytes: rssKb * 1024 };
}

/**
 * CPU of every PostgreSQL process on this machine (backends, WAL writer, checkpointer), for a
 * run on BENCH_DATABASE_URL: there the database's work is not in Samplan's own process.
 */
export function postgresCpuMs(): number {
	let ticks = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			if (name !== 'postgres') continue;
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// The process ended while we looked.
		}
	}
	return (ticks * 1000) / CLOCK_TICKS;
}

const ERROR_LINE = /failed|could not|error/i;
const countErrorLines = (output: string) =>
	output.split('\n').filter((line) => ERROR_LINE.test(line)).length;

/** Samplan's production server (node server/index.js), as `npm start` runs it. */
export async function startSamplan(
	env: Record<string, string>,
	extraNodeArgs: string[] = []
): Promise<BenchServer> {
	// BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) reaches only the server.
	const nodeArgs = [
		...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
		...extraNodeArgs
	];
	const server = await startServer({ DEMO_SEED: 'off', ...env }, 60_000, nodeArgs);
	const pid = server.process.pid!;
	return {
		kind: 'Samplan',
		httpUrl: server.url,
		wsUrl: `${server.url.replace(/^http/, 'ws')}/yjs`,
		pid,
		usage: () => processUsage(pid, server.output),
		errorLines: () => countErrorLines(server.output()),
		output: server.output,
		async stop() {
			await withTimeout(server.stop(), 20_000, () => server.process.kill('SIGKILL'));
			// BENCH_SERVER_LOG=<file> keeps what the server printed (e.g. with --trace-gc).
			if (process.env.BENCH_SERVER_LOG)
				fs.writeFileSync(process.env.BENCH_SERVER_LOG, server.output());
		}
	};
}

/** The stock server of @y/websocket-server, started through its own `bin` with PORT and HOST. */
export async function startStock(nodeArgs: string[] = []): Promise<BenchServer> {
	const require = createRequire(import.meta.url);
	const manifestPath = require.resolve('@y/websocket-server/package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
		bin: Record<string, string>;
	};
	const bin = path.join(path.dirname(manifestPath), manifest.bin['y-websocket-server']!);
	// The stock server prints the configured port, not the bound one, so it gets a free port.
	const port = await freePort();
	const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
	delete env.YPERSISTENCE;
	const child = spawn(process.execPath, [...nodeArgs, bin], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`stock server silent:\n${output}`)), 15_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('running at')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		void exited.then(() => reject(new Error(`stock server exited:\n${output}`)));
	});
	return {
		kind: 'stock',
		httpUrl: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		pid: child.pid!,
		usage: () => processUsage(child.pid!, () => output),
		errorLines: () => countErrorLines(output),
		output: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await withTimeout(exited, 10_000, () => child.kill('SIGKILL'));
		}
	};
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

async function withTimeout(done: Promise<unknown>, ms: number, onTimeout: () => void) {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<void>((resolve) => {
		timer = setTimeout(() => {
			onTimeout();
			resolve();
		}, ms);
	});
	await Promise.race([done, late]);
	clearTimeout(timer);
}
