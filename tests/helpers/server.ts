import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export interface RunningServer {
	url: string;
	process: ChildProcess;
	output(): string;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the built production server (server/index.js) on port 0, as `npm start` would, and
 * resolves once it prints its URL. Needs `npm run build` first (`npm test` does it).
 */
export function startServer(
	env: Record<string, string>,
	timeoutMs = 60_000,
	nodeArgs: readonly string[] = []
): Promise<RunningServer> {
	const child = spawn(process.execPath, [...nodeArgs, 'server/index.js'], {
		cwd: path.resolve(import.meta.dirname, '../..'),
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /Samplan kører på (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve({
					url: match[1]!,
					process: child,
					output: () => output,
					async stop(signal = 'SIGTERM') {
						if (child.exitCode === null && child.signalCode === null) child.kill(signal);
						return exited;
					}
				});
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with code ${code} before it was ready:\n${output}`));
		});
	});
}

/** Runs the server expecting it to fail at start-up; resolves with its exit code and output. */
export async function startServerExpectingFailure(
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	try {
		const server = await startServer(env, 30_000);
		await server.stop();
		return { code: 0, output: server.output() };
	} catch (error) {
		const message = (error as Error).message;
		const code = /exited with code (\d+|null)/.exec(message)?.[1];
		return { code: code === 'null' || code === undefined ? null : Number(code), output: message };
	}
}

/**
 * Where a spawned server keeps its data: a fresh PGlite directory, or a fresh database on the
 * PostgreSQL server named by TEST_DATABASE_URL.
 */
export async function freshServerStorage(): Promise<{
	env: Record<string, string>;
	cleanup(): Promise<void>;
}> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-test-'));
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		return {
			env: { DATA_DIR: dataDir },
			async cleanup() {
				fs.rmSync(dataDir, { recursive: true, force: true });
			}
		};
	}
	const name = `samplan_server_${randomBytes(6).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
		async cleanup() {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Logs in through the real form action, as a browser would, and returns the session cookie. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		headers: {
			origin: baseUrl,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('samplan_session='));
	if (response.status !== 303 || !cookie) {
		throw new Error(`login as ${email} failed with ${response.status}`);
	}
	return cookie.split(';')[0]!;
}

/** The first citizen linked from a case manager's start page ("Mine borgere"). */
export async function firstCitizenId(baseUrl: string, cookie: string): Promise<string> {
	const html = await (await fetch(baseUrl, { headers: { cookie } })).text();
	const id = /href="\.?\/borgere\/([0-9a-f-]{36})"/.exec(html)?.[1];
	if (!id) throw new Error('no citizen link on the start page');
	return id;
}
