import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { Database } from '../../db/client';
import { BatchQueue } from '../../db/batch-queue';
import { projectStale } from '../../plan/projection';
import { ProjectionScheduler } from '../../plan/projection-scheduler';
import type { Actor } from '../../policy/actor';
import type { DocumentFanout } from '../fanout/document-fanout';
import { rejectUpgrade } from '../reject';
import { SharedDocument, type DocumentConnection } from './document';
import { storeUpdates, type StoredUpdate } from './persistence';
import { SAVED_PARAM } from '../../../plan/protocol';
import {
	CLOSE,
	decodeMessage,
	encodeSaved,
	encodeSyncStep1,
	encodeSyncStep2,
	stampAwareness
} from './protocol';
import { DocumentRegistry, type OpenDocument } from './registry';

/** What the policy granted for one document, or the HTTP status the upgrade is refused with. */
export interface DocumentAccess {
	documentName: string;
	citizenId: string;
	section: string;
	canWrite: boolean;
	/** When the grant behind this access ends by itself; the connection is re-checked then. */
	recheckAt: Date | null;
	/** Who this is, as the server knows it: stamped into every presence state the client sends. */
	identity: { id: string; name: string; organisation: string; color: string };
}

export interface YjsServerOptions {
	db: Database;
	maxMessageBytes: number;
	authorize(actor: Actor, documentName: string): Promise<DocumentAccess | 403 | 404>;
	/** How long an unused document stays in memory, so a quick reconnect needs no reload. */
	unloadAfterMs?: number;
	/** How long an open document goes without updates before only its encoding is kept. */
	idleAfterMs?: number;
	/** Other instances with the same documents loaded (several instances behind a balancer). */
	fanout?: DocumentFanout;
}

const EMPTY_UPDATE_LENGTH = 2;

/**
 * The Yjs endpoint: the standard y-websocket protocol, with three differences from the reference
 * server. The caller's access is decided before the upgrade; a document answers only once its
 * stored state is loaded; and an edit is stored in the database before anyone else receives it.
 */
export class YjsServer {
	private readonly wss: WebSocketServer;
	/** Every document's updates, stored in batches; an update is relayed once its batch is stored. */
	private readonly writer: BatchQueue<StoredUpdate>;
	private readonly registry: DocumentRegistry;
	/** The plan's SQL projection, written a moment after the edits, never on their way. */
	private readonly projection: ProjectionScheduler;
	private readonly backfill: Promise<void>;

	constructor(private readonly options: YjsServerOptions) {
		this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
		this.writer = new BatchQueue((batch) => storeUpdates(options.db, batch), {
			maxBatch: 500,
			// One statement carries every byte of its batch.
			maxWeight: 8 * 1024 * 1024,
			weight: (stored) => stored.update.byteLength
		});
		this.projection = new ProjectionScheduler(options.db);
		this.registry = new DocumentRegistry({
			db: options.db,
			fanout: options.fanout,
			unloadAfterMs: options.unloadAfterMs,
			drainWrites: () => this.writer.drain(),
			beforeUnload: (name) => void this.projection.flush(name, true),
			idleAfterMs: options.idleAfterMs,
			beforeIdle: (name) => void this.projection.flush(name, true)
		});
		// Catches up on edits whose projection was lost (a crash inside the debounce); one query
		// when everything is current, in the background so the start is not delayed.
		this.backfill = projectStale(options.db).then(
			() => {},
			(error: unknown) => console.error('Could not catch up the plan projection:', error)
		);
	}

	async handleUpgrade(
		request: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		actor: Actor
	): Promise<void> {
		const documentName = documentNameFromUrl(request.url ?? '');
		const access = documentName ? await this.options.authorize(actor, documentName) : 404;
		if (typeof access === 'number') return rejectUpgrade(socket, access);

		const entry = this.registry.acquire(access);
		let document: SharedDocument;
		try {
			document = await entry.ready;
		} catch (error) {
			this.registry.release(entry);
			console.error(`Could not load ${access.documentName}:`, error);
			return rejectUpgrade(socket, 503);
		}
		if (socket.destroyed) return this.registry.release(entry);
		this.wss.handleUpgrade(request, socket, head, (ws) =>
			this.connect(ws, request, document, entry, access, actor)
		);
	}

	/**
	 * Asks the policy again for every open connection to this citizen's plan (all citizens when
	 * none is named): a connection that lost access is closed at once, one that lost write access
	 * becomes read-only. Called when a consent is revoked or a cover ends early, and by each
	 * connection's own timer when its grant runs out. Returns how many were closed.
	 */
	async revalidate(citizenId?: string): Promise<number> {
		const checks = [...this.wss.clients].map(async (client) => {
			const meta = connectionMeta.get(client);
			if (!meta || (citizenId && meta.citizenId !== citizenId)) return 0;
			return (await this.recheck(client, meta)) ? 0 : 1;
		});
		return (await Promise.all(checks)).reduce((sum: number, n) => sum + n, 0);
	}

	/**
	 * An edit the server makes on a user's behalf (restoring a plan version): stored first, then
	 * applied and relayed exactly like a client's edit, and projected.
	 */
	async applyServerEdit(
		target: { documentName: string; citizenId: string; section: string },
		update: Uint8Array,
		authorId: string
	): Promise<void> {
		const access: DocumentAccess = {
			...target,
			canWrite: true,
			recheckAt: null,
			identity: { id: authorId, name: '', organisation: '', color: '' }
		};
		const entry = this.registry.acquire(access);
		try {
			const document = await entry.ready;
			await this.writer.add({ documentName: target.documentName, update, authorId });
			document.applyStored(update, 'remote');
			this.registry.publish(target.documentName, { kind: 'update', update });
			this.registry.noteStored(document);
			this.projection.changed(access, document.doc, authorId);
		} finally {
			this.registry.release(entry);
		}
	}

	/** Closes the connections opened with these sessions (logged out, revoked, deactivated). */
	closeSessions(sessionIds: readonly string[]): number {
		const ended = new Set(sessionIds);
		let closed = 0;
		for (const client of this.wss.clients) {
			const meta = connectionMeta.get(client);
			if (meta && ended.has(meta.actor.sessionId)) {
				client.close(CLOSE.sessionEnded, 'session ended');
				closed += 1;
			}
		}
		return closed;
	}

	/** True while the connection may stay open. */
	private async recheck(client: WebSocket, meta: ConnectionMeta): Promise<boolean> {
		clearTimeout(meta.timer);
		const access = await this.options
			.authorize(meta.actor, meta.documentName)
			.catch(() => 403 as const);
		if (typeof access === 'number') {
			client.close(CLOSE.forbidden, 'access ended');
			return false;
		}
		meta.connection.canWrite = access.canWrite;
		this.scheduleRecheck(client, meta, access.recheckAt);
		return true;
	}

	private scheduleRecheck(client: WebSocket, meta: ConnectionMeta, at: Date | null): void {
		if (!at) return;
		// setTimeout holds at most ~24.8 days; a longer grant is simply checked again then.
		const delay = Math.min(Math.max(at.getTime() - Date.now(), 0), 2 ** 31 - 1);
		meta.timer = setTimeout(() => void this.recheck(client, meta), delay);
		meta.timer.unref();
	}

	/**
	 * Stops accepting, waits for every pending write (and so its relay to other instances), then
	 * closes the connections, telling other instances that their users have left.
	 */
	async close(): Promise<void> {
		await this.writer.drain();
		for (const client of this.wss.clients) client.close(1001, 'server shutting down');
		await this.registry.closeAll();
		await Promise.all([this.projection.close(), this.backfill]);
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}

	private connect(
		ws: WebSocket,
		request: IncomingMessage,
		document: SharedDocument,
		entry: OpenDocument,
		access: DocumentAccess,
		actor: Actor
	) {
		const query = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
		const connection: DocumentConnection = {
			userId: actor.userId,
			canWrite: access.canWrite,
			wantsSaved: query.get(SAVED_PARAM) === '1',
			send: (message) => {
				if (ws.readyState === WebSocket.OPEN) ws.send(message);
			}
		};
		document.join(connection);
		const meta: ConnectionMeta = {
			actor,
			documentName: access.documentName,
			citizenId: access.citizenId,
			connection
		};
		connectionMeta.set(ws, meta);
		this.scheduleRecheck(ws, meta, access.recheckAt);

		// Messages of one connection are handled in order; a slow store delays only this client.
		let queue = Promise.resolve();
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			queue = queue.then(() =>
				this.handleMessage(ws, document, connection, data, isBinary, access)
			);
		});
		ws.on('close', () => {
			clearTimeout(meta.timer);
			this.registry.leave(document, connection, access.documentName);
			this.registry.release(entry);
		});
		ws.on('error', () => ws.terminate());

		connection.send(encodeSyncStep1(document.stateVector()));
		const awareness = document.awarenessSnapshot();
		if (awareness) connection.send(awareness);
		if (connection.wantsSaved) connection.send(encodeSaved(document.stateVector()));
	}

	private async handleMessage(
		ws: WebSocket,
		document: SharedDocument,
		connection: DocumentConnection,
		data: Buffer,
		isBinary: boolean,
		access: DocumentAccess
	): Promise<void> {
		if (ws.readyState !== WebSocket.OPEN) return;
		let message: ReturnType<typeof decodeMessage>;
		try {
			if (!isBinary) throw new Error('text frame');
			message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
			if (message.kind === 'update') Y.decodeUpdate(message.update);
		} catch {
			ws.close(CLOSE.invalidMessage, 'invalid message');
			return;
		}
		try {
			switch (message.kind) {
				case 'sync-step-1':
					connection.send(encodeSyncStep2(document.missingFor(message.stateVector)));
					break;
				case 'update':
					// A read-only connection's edits are dropped, never stored or relayed.
					if (!connection.canWrite || message.update.length <= EMPTY_UPDATE_LENGTH) break;
					await this.writer.add({
						documentName: access.documentName,
						update: message.update,
						authorId: connection.userId
					});
					document.applyStored(message.update, connection);
					this.registry.publish(access.documentName, { kind: 'update', update: message.update });
					this.registry.noteStored(document);
					if (connection.wantsSaved) connection.send(encodeSaved(document.stateVector()));
					this.projection.changed(access, document.doc, connection.userId);
					break;
				case 'query-awareness': {
					const snapshot = document.awarenessSnapshot();
					if (snapshot) connection.send(snapshot);
					break;
				}
				case 'awareness': {
					const stamped = stampAwareness(message.update, access.identity, (clientId) =>
						document.maySpeakFor(connection, clientId)
					);
					if (!stamped) {
						ws.close(CLOSE.invalidMessage, 'invalid message');
						return;
					}
					document.applyAwareness(stamped, connection);
					this.registry.publish(access.documentName, { kind: 'awareness', update: stamped });
					break;
				}
			}
		} catch (error) {
			console.error(`Yjs message on ${access.documentName} failed:`, error);
			ws.close(CLOSE.serverError, 'not saved');
		}
	}
}

interface ConnectionMeta {
	actor: Actor;
	documentName: string;
	citizenId: string;
	connection: DocumentConnection;
	timer?: NodeJS.Timeout;
}

const connectionMeta = new WeakMap<WebSocket, ConnectionMeta>();

/** `/yjs/plan/<citizen>/<section>` → `plan/<citizen>/<section>`; null for anything else. */
export function documentNameFromUrl(url: string): string | null {
	const path = url.split('?')[0] ?? '';
	if (!path.startsWith('/yjs/')) return null;
	try {
		const name = decodeURIComponent(path.slice('/yjs/'.length));
		return /^[a-z0-9:/_-]{1,200}$/i.test(name) ? name : null;
	} catch {
		return null;
	}
}
