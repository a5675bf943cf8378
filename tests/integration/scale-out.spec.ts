import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { readConfig } from '../../src/lib/server/config';
import { municipalities, planUpdates } from '../../src/lib/server/db/schema';
import { attachRealtime, type AttachOptions } from '../../src/lib/server/realtime/attach';
import { runtime, stopRuntime, useRuntime } from '../../src/lib/server/runtime';
import { createTestDatabase } from '../helpers/database';
import { factories, sessionCookie } from '../helpers/factories';
import { requireServiceOrSkipLoudly } from '../helpers/services';
import { connectYjs, eventually } from '../helpers/yjs-client';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type YjsClient = ReturnType<typeof connectYjs>;

const redisUrl = process.env.TEST_REDIS_URL;
const hasRedis = requireServiceOrSkipLoudly('Redis (TEST_REDIS_URL)', !!redisUrl);

/** One Samplan instance: its own HTTP server and realtime layer, sharing the process's database. */
async function startInstance(options: AttachOptions) {
	const server = http.createServer((request, response) => {
		if (!realtime.handleRequest(request, response)) response.writeHead(404).end();
	});
	const realtime = await attachRealtime(server, options);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		httpUrl: `http://127.0.0.1:${port}`,
		yjsUrl: `ws://127.0.0.1:${port}/yjs`,
		async close() {
			await realtime.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

/** Redis connections whose name starts with the prefix (each instance names its own). */
async function redisClientsNamed(admin: Redis, prefix: string) {
	const list = (await admin.client('LIST')) as string;
	return list
		.split('\n')
		.map((line) => ({
			id: /\bid=(\d+)/.exec(line)?.[1],
			name: /\bname=(\S*)/.exec(line)?.[1] ?? ''
		}))
		.filter((client) => client.name.startsWith(prefix));
}

describe.runIf(hasRedis)('several instances behind a load balancer, sharing Redis', () => {
	// Unique per run, so parallel test files and earlier runs never cross-talk on the channels.
	const prefix = `samplan-test-${randomBytes(6).toString('hex')}`;
	let database: Awaited<ReturnType<typeof createTestDatabase>>;
	let admin: Redis;
	let a: Awaited<ReturnType<typeof startInstance>>;
	let b: Awaited<ReturnType<typeof startInstance>>;
	let publishOnA: NonNullable<ReturnType<typeof runtime>['publish']>;
	let citizenId: string;
	let teamId: string;
	let cookies: { caseManager: string; leader: string };
	const clients: YjsClient[] = [];
	const sockets: ClientSocket[] = [];

	beforeAll(async () => {
		database = await createTestDatabase();
		// A REDIS_URL in the developer's shell must not leak in: each instance is told explicitly.
		const config = readConfig({
			...process.env,
			REDIS_URL: '',
			DATA_DIR: '/nonexistent',
			YJS_MAX_MESSAGE_BYTES: '65536'
		});
		useRuntime({ config, database, db: database.db, demoLogins: [] });
		const make = factories(database.db);
		const team = await make.organisation('icm_team', 'ICM-team Skalering');
		const caseManager = await make.user('case_manager', team.id, { name: 'Mette Sag' });
		const leader = await make.user('team_leader', team.id, { name: 'Lone Leder' });
		const citizen = await make.citizen(team.id, caseManager.id, 'Anna');
		// Like the demo municipality, no second factor: this file is about instances, not sign-in.
		await database.db.update(municipalities).set({ twoFactorRoles: [] });
		citizenId = citizen.id;
		teamId = team.id;
		cookies = {
			caseManager: await sessionCookie(database.db, caseManager.id),
			leader: await sessionCookie(database.db, leader.id)
		};
		admin = new Redis(redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 1 });
		await admin.connect();

		a = await startInstance({ redisUrl, redisPrefix: prefix });
		// In one process the runtime holds one publish function, the last instance's; keep A's.
		publishOnA = runtime().publish!;
		b = await startInstance({ redisUrl, redisPrefix: prefix });
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		for (const socket of sockets) socket.disconnect();
		await a?.close();
		await b?.close();
		admin?.disconnect();
		await stopRuntime();
	});

	const doc = (section: string) => `plan/${citizenId}/${section}`;

	function yjsOn(instance: { yjsUrl: string }, section: string): YjsClient {
		const client = connectYjs(instance.yjsUrl, doc(section), cookies.caseManager);
		clients.push(client);
		return client;
	}

	async function storedUpdates(section: string) {
		return database.db
			.select({ update: planUpdates.update })
			.from(planUpdates)
			.where(eq(planUpdates.documentName, doc(section)));
	}

	function expectEachStoredOnce(rows: { update: Uint8Array }[], count: number) {
		const distinct = new Set(rows.map((row) => Buffer.from(row.update).toString('base64')));
		expect(rows).toHaveLength(count);
		expect(distinct.size).toBe(rows.length);
	}

	it('clients on different instances edit one plan section and see each other’s text', async () => {
		const onA = yjsOn(a, 'housing');
		const onB = yjsOn(b, 'housing');
		await Promise.all([onA.synced(), onB.synced()]);
		onA.text().insert(0, 'Ønsker egen bolig i Vesterby. ');
		await eventually(() => expect(onB.text().toString()).toBe('Ønsker egen bolig i Vesterby. '));
		onB.text().insert(onB.text().length, 'Har søgt hos boligkontoret.');
		const both = 'Ønsker egen bolig i Vesterby. Har søgt hos boligkontoret.';
		await eventually(() => expect(onA.text().toString()).toBe(both));
		expect(onB.text().toString()).toBe(both);
		// Each edit is stored by the instance that received it, never again by the other.
		expectEachStoredOnce(await storedUpdates('housing'), 2);
	});

	it('shows presence set on one instance on the other, and removes it when the client leaves', async () => {
		const onB = yjsOn(b, 'network');
		await onB.synced();
		const onA = yjsOn(a, 'network');
		await onA.synced();
		onA.provider.awareness.setLocalStateField('user', { name: 'Mette Sag' });
		const clientId = onA.doc.clientID;
		await eventually(() =>
			expect(onB.provider.awareness.getStates().get(clientId)).toMatchObject({
				user: { name: 'Mette Sag' }
			})
		);
		onA.destroy();
		await eventually(() => expect(onB.provider.awareness.getStates().has(clientId)).toBe(false));
	});

	it('shows who is already present when the plan is opened on another instance', async () => {
		const onA = yjsOn(a, 'mental_health');
		await onA.synced();
		onA.provider.awareness.setLocalStateField('user', { name: 'Mette Sag' });
		// Long before the client's 15-second presence renewal: B asks A when it loads the document.
		const onB = yjsOn(b, 'mental_health');
		await onB.synced();
		await eventually(() =>
			expect(onB.provider.awareness.getStates().get(onA.doc.clientID)).toMatchObject({
				user: { name: 'Mette Sag' }
			})
		);
	});

	it('a plan opened on B after edits on A has them, and then receives A’s live edits', async () => {
		const writer = yjsOn(a, 'economy');
		await writer.synced();
		writer.text().insert(0, 'Gæld til boligselskab. ');
		await eventually(async () => expect(await storedUpdates('economy')).toHaveLength(1));
		const reader = yjsOn(b, 'economy');
		await reader.synced();
		expect(reader.text().toString()).toBe('Gæld til boligselskab. ');
		writer.text().insert(writer.text().length, 'Afdrages med 500 kr. om måneden.');
		await eventually(() =>
			expect(reader.text().toString()).toBe(
				'Gæld til boligselskab. Afdrages med 500 kr. om måneden.'
			)
		);
		expectEachStoredOnce(await storedUpdates('economy'), 2);
	});

	it('an edit made while an instance’s Redis subscription was cut reaches it after reconnecting', async () => {
		const onA = yjsOn(a, 'daily_activities');
		const onB = yjsOn(b, 'daily_activities');
		await Promise.all([onA.synced(), onB.synced()]);
		const subscribers = await redisClientsNamed(admin, `${prefix}:yjs-subscriber`);
		expect(subscribers).toHaveLength(2);
		for (const { id } of subscribers) await admin.client('KILL', 'ID', id!);
		onA.text().insert(0, 'Går i værestedet tirsdage.');
		await eventually(() => expect(onB.text().toString()).toBe('Går i værestedet tirsdage.'));
		expectEachStoredOnce(await storedUpdates('daily_activities'), 1);
	});

	it('delivers a runtime.publish made on A to the team’s leader connected to B', async () => {
		const leaderOnB: ClientSocket = connectSocket(b.httpUrl, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie: cookies.leader },
			reconnection: false
		});
		sockets.push(leaderOnB);
		await new Promise((resolve) => leaderOnB.once('welcome', resolve));
		expect(await leaderOnB.emitWithAck('watch-team', { teamId })).toEqual({ ok: true });
		const seen = new Promise<{ topic: string; teamId?: string }>((resolve) =>
			leaderOnB.once('changed', resolve)
		);
		publishOnA({ topic: 'caseload', rooms: [`team:${teamId}`], payload: { teamId } });
		expect(await seen).toMatchObject({ topic: 'caseload', teamId });
	});

	it('connects nowhere without a Redis URL, and names REDIS_URL when Redis cannot be reached', async () => {
		expect(await redisClientsNamed(admin, `${prefix}:`)).toHaveLength(6);
		const alonePrefix = `${prefix}-alone`;
		const alone = await startInstance({ redisPrefix: alonePrefix });
		// Our test Redis listens where ioredis would connect by default, so a stray client shows.
		expect(await redisClientsNamed(admin, alonePrefix)).toEqual([]);
		await alone.close();

		const started = Date.now();
		await expect(
			startInstance({ redisUrl: 'redis://127.0.0.1:1', redisPrefix: alonePrefix })
		).rejects.toThrow('Could not connect to REDIS_URL (127.0.0.1:1)');
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
