import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import { eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io as connectSocket, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookie';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { users } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/policy/actor';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/attach';
import { stopRuntime } from '../../src/lib/server/runtime';
import { load } from '../../src/routes/(app)/borgere/[id]/+page.server';
import { startTestRuntime } from '../helpers/database';

const MESSAGE_SYNC = 0;

/** Set by this server on every request it hands to the app, as server/index.js does. */
const PROTOCOL_HEADER = 'x-samplan-protocol';

/**
 * The channels that ask the policy, over one test database: the realtime layer and the built app
 * (form actions, endpoints) on one real HTTP server on port 0, as `npm start` serves them, and the
 * citizen page's `load` called directly. Holds no data of its own.
 */
export async function startMatrixContext() {
	const database = await startTestRuntime();
	const app = await importBuiltApp();
	const server = http.createServer((request, response) => {
		if (realtime.handleRequest(request, response)) return;
		request.headers[PROTOCOL_HEADER] = 'http';
		app(request, response);
	});
	const realtime: Realtime = await attachRealtime(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const httpUrl = `http://127.0.0.1:${port}`;
	const sockets: Socket[] = [];

	return {
		db: database.db,
		/** The citizen page (`/borgere/[id]`) as SvelteKit would load it for this actor. */
		async openCitizenPage(actor: Actor, id: string): Promise<unknown> {
			type LoadEvent = Parameters<typeof load>[0];
			return load({ locals: { actor }, params: { id } } as unknown as LoadEvent);
		},
		/**
		 * A browser's Cookie header for a user fully signed in, second factor included: team leaders
		 * and partners must use one, and the matrix asks about access, not about signing in.
		 */
		async signIn(userId: string): Promise<string> {
			await database.db
				.update(users)
				.set({ totpEnabledAt: new Date() })
				.where(eq(users.id, userId));
			const token = generateSessionToken();
			const lifetime = { days: 30, idleMinutes: 120 };
			await createSession(database.db, token, userId, lifetime, { twoFactorVerified: true });
			return `${SESSION_COOKIE}=${token}`;
		},
		/**
		 * Logs a contact through the journal page's form, as a browser without JavaScript posts it:
		 * the action runs, then the page answers with its own status.
		 */
		async postJournalForm(cookie: string, citizenId: string, fields: Record<string, string>) {
			const response = await fetch(`${httpUrl}/borgere/${citizenId}/journal?/log`, {
				method: 'POST',
				headers: {
					cookie,
					origin: httpUrl,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields),
				redirect: 'manual'
			});
			await response.body?.cancel();
			return { status: response.status };
		},
		/** Logs a contact as the browser's offline outbox sends it, to the JSON endpoint. */
		async postContact(cookie: string, citizenId: string, body: Record<string, unknown>) {
			const response = await fetch(`${httpUrl}/api/borgere/${citizenId}/kontakter`, {
				method: 'POST',
				headers: { cookie, origin: httpUrl, 'content-type': 'application/json' },
				body: JSON.stringify(body),
				redirect: 'manual'
			});
			return { status: response.status, body: (await response.json()) as unknown };
		},
		openPlanDocument: (documentName: string, cookie: string) =>
			openPlanDocument(`ws://127.0.0.1:${port}/yjs/${documentName}`, cookie),
		/** Signs in over socket.io and asks to watch a team's live caseload. */
		async watchTeam(cookie: string, teamId: string) {
			const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(httpUrl, {
				path: '/socket.io',
				transports: ['websocket'],
				extraHeaders: { cookie },
				reconnection: false
			});
			sockets.push(socket);
			await new Promise((resolve, reject) => {
				socket.once('welcome', resolve);
				socket.once('connect_error', reject);
			});
			const answer = await socket.emitWithAck('watch-team', { teamId });
			socket.disconnect();
			return answer;
		},
		async close() {
			for (const socket of sockets) socket.disconnect();
			await realtime.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			await stopRuntime();
		}
	};
}

/**
 * Node's own import(), out of Vite's reach: Vite would compile the bundle's `*.svelte.js` chunks a
 * second time, as Svelte modules, and break them.
 */
function importNatively(url: string): Promise<unknown> {
	const script = new vm.Script('(url) => import(url)', {
		importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
	});
	return (script.runInThisContext() as (url: string) => Promise<unknown>)(url);
}

/**
 * The built app's request handler (`npm run build`), imported into this process so that it runs on
 * the test database: the runtime lives on globalThis, and SvelteKit's init hook finds it started.
 * adapter-node reads its environment once, on import; like server/index.js, this server tells it
 * in a header of its own that it speaks plain http, so that the CSRF check accepts a browser's
 * Origin.
 */
async function importBuiltApp(): Promise<http.RequestListener> {
	const saved = { ORIGIN: process.env.ORIGIN, PROTOCOL_HEADER: process.env.PROTOCOL_HEADER };
	delete process.env.ORIGIN;
	process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	try {
		const built = new URL('../../build/handler.js', import.meta.url);
		if (!fs.existsSync(built)) throw new Error('The matrix serves the built app: npm run build');
		const { handler } = (await importNatively(built.href)) as { handler: http.RequestListener };
		return handler;
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}

export interface PlanConnection {
	/** Sends an edit exactly as y-websocket does: a sync update message. */
	edit(text: string): void;
	/**
	 * The document as the server holds it. Messages of one connection are handled in order, so
	 * the answer also proves that every edit sent before it has been stored or dropped.
	 */
	serverText(): Promise<string>;
	close(): void;
}

/** A raw y-websocket client: the upgrade's HTTP status, and on 101 a connection to work with. */
function openPlanDocument(
	url: string,
	cookie: string
): Promise<{ status: number; connection?: PlanConnection }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers: { cookie } });
		const waiting: ((state: Uint8Array) => void)[] = [];
		ws.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
			if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
			waiting.shift()?.(decoding.readVarUint8Array(decoder));
		});
		ws.on('unexpected-response', (_request, response) => {
			resolve({ status: response.statusCode ?? 0 });
			ws.terminate();
		});
		ws.on('error', () => resolve({ status: 0 }));
		ws.on('open', () => {
			const local = new Y.Doc();
			const send = (write: (encoder: encoding.Encoder) => void) => {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_SYNC);
				write(encoder);
				ws.send(encoding.toUint8Array(encoder));
			};
			resolve({
				status: 101,
				connection: {
					edit(text) {
						const before = Y.encodeStateVector(local);
						local.getText('text').insert(0, text);
						send((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(local, before)));
					},
					serverText() {
						const answer = new Promise<Uint8Array>((done) => waiting.push(done));
						send((e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));
						return answer.then((update) => {
							const server = new Y.Doc();
							Y.applyUpdate(server, update);
							return server.getText('text').toString();
						});
					},
					close: () => ws.close()
				}
			});
		});
	});
}
