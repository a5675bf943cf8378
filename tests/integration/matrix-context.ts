import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * The three channels that ask the policy, over one test database: the realtime layer on a real
 * HTTP server on port 0, and the citizen page's `load` called directly. Holds no data of its own.
 */
export async function startMatrixContext() {
	const database = await startTestRuntime();
	const server = http.createServer((request, response) => {
		if (!realtime.handleRequest(request, response)) response.writeHead(404).end();
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
