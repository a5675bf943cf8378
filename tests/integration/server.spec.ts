import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import {
	firstCitizenId,
	freshServerStorage,
	login,
	startServer,
	startServerExpectingFailure,
	type RunningServer
} from '../helpers/server';
import { requireServiceOrSkipLoudly } from '../helpers/services';
import { connectYjs, eventually, upgradeStatus } from '../helpers/yjs-client';

const CASE_MANAGER = 'mette.lind@vesterby.example';

describe('the production server (npm start)', () => {
	let storage: Awaited<ReturnType<typeof freshServerStorage>>;
	let server: RunningServer;

	beforeAll(async () => {
		storage = await freshServerStorage();
		server = await startServer(storage.env);
	});
	afterAll(async () => {
		await server?.stop();
		await storage?.cleanup();
	});

	it('prints its URL and the demo logins at start-up', () => {
		expect(server.output()).toContain('Demo-logins');
		expect(server.output()).toContain(CASE_MANAGER);
	});

	it('renders the login page in Danish and sends visitors without a session there', async () => {
		const start = await fetch(server.url, { redirect: 'manual' });
		expect(start.status).toBe(303);
		expect(start.headers.get('location')).toBe('/login');
		const page = await fetch(`${server.url}/login`);
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain('<html lang="da">');
		expect(html).toContain('Log ind');
		expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
	});

	it('shows a case manager their own citizens after login', async () => {
		const cookie = await login(server.url, CASE_MANAGER, DEMO_PASSWORD);
		const response = await fetch(server.url, { headers: { cookie } });
		const html = await response.text();
		expect(html).toContain('Mine borgere');
		expect(response.headers.get('cache-control')).toBe('no-store');
	});

	it('connects a socket.io client, which is greeted', async () => {
		const cookie = await login(server.url, CASE_MANAGER, DEMO_PASSWORD);
		const socket = connectSocket(server.url, {
			transports: ['websocket'],
			extraHeaders: { cookie },
			reconnection: false
		});
		const welcome = await new Promise<{ name: string }>((resolve) =>
			socket.once('welcome', resolve)
		);
		socket.disconnect();
		expect(welcome.name).toBe('Mette Lind');
	});

	it('refuses a cross-site form post, whether form-encoded or text/plain', async () => {
		for (const contentType of ['application/x-www-form-urlencoded', 'text/plain']) {
			const response = await fetch(`${server.url}/login`, {
				method: 'POST',
				headers: { origin: 'https://evil.example', 'content-type': contentType },
				body: `email=${CASE_MANAGER}&password=${DEMO_PASSWORD}`,
				redirect: 'manual'
			});
			expect(response.status).toBe(403);
			expect(response.headers.getSetCookie()).toEqual([]);
		}
	});

	it('refuses an upgrade on an unknown path', async () => {
		const cookie = await login(server.url, CASE_MANAGER, DEMO_PASSWORD);
		const ws = server.url.replace('http', 'ws');
		expect(await upgradeStatus(`${ws}/unknown`, { cookie })).toBe(404);
		expect(await upgradeStatus(`${ws}/yjs/plan/not-a-citizen/housing`, { cookie })).toBe(404);
	});
});

/** Two clients edit, the server restarts on the same storage, and a third client sees it all. */
async function editsSurviveRestart(env: Record<string, string>) {
	let server = await startServer(env);
	const cookie = await login(server.url, CASE_MANAGER, DEMO_PASSWORD);
	const citizenId = await firstCitizenId(server.url, cookie);
	const name = `plan/${citizenId}/housing`;
	const wsUrl = () => `${server.url.replace('http', 'ws')}/yjs`;

	const a = connectYjs(wsUrl(), name, cookie);
	const b = connectYjs(wsUrl(), name, cookie);
	await Promise.all([a.synced(), b.synced()]);
	a.text().insert(0, 'Bor på herberg. ');
	await eventually(() => expect(b.text().toString()).toBe('Bor på herberg. '));
	b.text().insert(b.text().length, 'Har fået tilbudt en akutbolig.');
	await eventually(() => expect(a.text().toString()).toContain('akutbolig'));
	a.destroy();
	b.destroy();

	expect(await server.stop('SIGTERM')).toBe(0);
	server = await startServer(env);
	try {
		const again = await login(server.url, CASE_MANAGER, DEMO_PASSWORD);
		const c = connectYjs(wsUrl(), name, again);
		await c.synced();
		expect(c.text().toString()).toBe('Bor på herberg. Har fået tilbudt en akutbolig.');
		c.destroy();
	} finally {
		await server.stop();
	}
}

describe('persistence across restarts', () => {
	it('keeps plan edits on embedded PGlite in DATA_DIR', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-restart-'));
		try {
			await editsSurviveRestart({ DATA_DIR: dataDir, DATABASE_URL: '' });
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	const hasPostgres = requireServiceOrSkipLoudly(
		'PostgreSQL (TEST_DATABASE_URL)',
		!!process.env.TEST_DATABASE_URL
	);
	it.runIf(hasPostgres)('keeps plan edits on PostgreSQL (DATABASE_URL)', async () => {
		const storage = await freshServerStorage();
		try {
			await editsSurviveRestart(storage.env);
		} finally {
			await storage.cleanup();
		}
	});
});

describe('start-up errors are clear, never a hang or a silent fallback', () => {
	it('names DATA_DIR when it cannot be written', async () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-bad-')), 'a-file');
		fs.writeFileSync(file, 'not a directory');
		const result = await startServerExpectingFailure({ DATA_DIR: file, DATABASE_URL: '' });
		expect(result.code).toBe(1);
		expect(result.output).toContain('DATA_DIR is not a writable directory');
	});

	it('names DATABASE_URL when PostgreSQL cannot be reached', async () => {
		const result = await startServerExpectingFailure({
			DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none'
		});
		expect(result.code).toBe(1);
		expect(result.output).toContain('Could not connect to DATABASE_URL (127.0.0.1:1/none)');
	});

	it('names REDIS_URL when Redis cannot be reached', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-redis-'));
		const result = await startServerExpectingFailure({
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			REDIS_URL: 'redis://127.0.0.1:1'
		});
		fs.rmSync(dataDir, { recursive: true, force: true });
		expect(result.code).toBe(1);
		expect(result.output).toContain('Could not connect to REDIS_URL (127.0.0.1:1)');
		expect(result.output).not.toMatch(/\n\s+at /);
	});

	it('names a malformed variable', async () => {
		const result = await startServerExpectingFailure({ PORT: 'eighty' });
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/Invalid configuration:\s+PORT/);
	});
});
