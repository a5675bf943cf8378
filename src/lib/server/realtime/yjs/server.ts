import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { Database } from '../../db/client';
import type { Actor } from '../../policy/actor';
import type { DocumentFanout, FanoutEvent, PeerMessage } from '../fanout/document-fanout';
import { rejectUpgrade } from '../reject';
import { SharedDocument, type DocumentConnection } from './document';
import {
	COMPACT_AFTER_UPDATES,
	compactDocument,
	ensureDocument,
	fetchDocument,
	storeUpdates
} from './persistence';
import { SAVED_PARAM } from '../../../plan/protocol';
import {
	CLOSE,
	decodeMessage,
	encodeSaved,
	encodeSyncStep1,
	encodeSyncStep2,
	stampAwareness
} from './protocol';
import { UpdateWriter } from './writer';

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
	/** Other instances with the same documents loaded (several instances behind a balancer). */
	fanout?: DocumentFanout;
}

interface OpenDocument {
	name: string;
	ready: Promise<SharedDocument>;
	users: number;
	unloadTimer?: NodeJS.Timeout;
}

const EMPTY_UPDATE_LENGTH = 2;

/**
 * The Yjs endpoint: the standard y-websocket protocol, with three differences from the reference
 * server. The caller's access is decided before the upgrade; a document answers only once its
 * stored state is loaded; and an edit is stored in the database before anyone else receives it.
 */
export class YjsServer {
	private readonly wss: WebSocketServer;
	private readonly documents = new Map<string, OpenDocument>();
	private readonly writer: UpdateWriter;

	constructor(private readonly options: YjsServerOptions) {
		this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
		this.writer = new UpdateWriter((batch) => storeUpdates(options.db, batch));
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

		const entry = this.acquire(access);
		let document: SharedDocument;
		try {
			document = await entry.ready;
		} catch (error) {
			this.release(entry);
			console.error(`Could not load ${access.documentName}:`, error);
			return rejectUpgrade(socket, 503);
		}
		if (socket.destroyed) return this.release(entry);
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
		for (const entry of this.documents.values()) {
			clearTimeout(entry.unloadTimer);
			const document = await entry.ready.catch(() => null);
			if (document) {
				for (const connection of document.connections.keys()) {
					this.leave(document, connection, entry.name);
				}
			}
			this.unload(entry);
		}
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}

	private acquire(access: DocumentAccess): OpenDocument {
		let entry = this.documents.get(access.documentName);
		if (!entry) {
			const loading: OpenDocument = {
				name: access.documentName,
				ready: this.load(access),
				users: 0
			};
			// A failed load is forgotten at once, so that the next connection tries again.
			loading.ready.catch(() => this.unload(loading));
			this.documents.set(access.documentName, (entry = loading));
		}
		clearTimeout(entry.unloadTimer);
		entry.users++;
		return entry;
	}

	/**
	 * Subscribes to other instances' messages BEFORE reading the database, holding them until the
	 * stored state is applied: an update stored elsewhere during the load arrives by one route or
	 * the other (or both; applying a Yjs update twice changes nothing).
	 */
	private async load(access: DocumentAccess): Promise<SharedDocument> {
		const { db, fanout } = this.options;
		const name = access.documentName;
		const early: FanoutEvent[] = [];
		let deliver: (event: FanoutEvent) => void = (event) => early.push(event);
		await fanout?.subscribe(name, (event) => deliver(event));
		this.publish(name, { kind: 'awareness-query' });
		await ensureDocument(db, name, access.citizenId, access.section);
		const stored = await fetchDocument(db, name);
		const document = new SharedDocument(name, stored);
		// A long history is merged in the background, after the client has been answered.
		if (stored.length > COMPACT_AFTER_UPDATES) this.compactLater(name);
		deliver = (event) => this.receive(document, event);
		for (const event of early) this.receive(document, event);
		return document;
	}

	private compactLater(documentName: string): void {
		setImmediate(() => {
			compactDocument(this.options.db, documentName).catch((error) => {
				console.error(`Could not compact ${documentName}:`, (error as Error).message);
			});
		});
	}

	/** What another instance sent; its updates are stored already, so they are only applied. */
	private receive(document: SharedDocument, event: FanoutEvent): void {
		switch (event.kind) {
			case 'update':
				document.applyStored(event.update, 'remote');
				break;
			case 'awareness':
				document.applyAwareness(event.update, 'remote');
				break;
			case 'awareness-query': {
				const local = document.localAwareness();
				if (local) this.publish(document.name, { kind: 'awareness', update: local });
				break;
			}
			case 'missed':
				this.reload(document).catch((error) => {
					console.error(`Could not reload ${document.name}:`, error);
				});
				break;
		}
	}

	private async reload(document: SharedDocument): Promise<void> {
		const stored = await fetchDocument(this.options.db, document.name);
		if (stored.length > 0) document.applyStored(Y.mergeUpdates(stored), 'remote');
	}

	/** Fire and forget: the update is stored, so an instance that misses it reloads it later. */
	private publish(documentName: string, message: PeerMessage): void {
		this.options.fanout?.publish(documentName, message).catch((error) => {
			console.error(
				`Could not relay ${message.kind} on ${documentName} to other instances:`,
				error
			);
		});
	}

	private release(entry: OpenDocument): void {
		if (--entry.users > 0 || this.documents.get(entry.name) !== entry) return;
		entry.unloadTimer = setTimeout(async () => {
			if (entry.users > 0 || this.documents.get(entry.name) !== entry) return;
			await this.writer.drain();
			if (entry.users === 0) this.unload(entry);
		}, this.options.unloadAfterMs ?? 30_000);
	}

	private unload(entry: OpenDocument): void {
		if (this.documents.get(entry.name) !== entry) return;
		this.documents.delete(entry.name);
		this.options.fanout?.unsubscribe(entry.name).catch((error) => {
			console.error(`Could not unsubscribe from ${entry.name}:`, error);
		});
		void entry.ready.then(
			(document) => document.destroy(),
			() => {}
		);
	}

	private leave(document: SharedDocument, connection: DocumentConnection, name: string): void {
		const removed = document.leave(connection);
		if (removed) this.publish(name, { kind: 'awareness', update: removed });
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
			this.leave(document, connection, access.documentName);
			this.release(entry);
		});
		ws.on('error', () => ws.terminate());

		connection.send(encodeSyncStep1(document.doc));
		const awareness = document.awarenessSnapshot();
		if (awareness) connection.send(awareness);
		if (connection.wantsSaved) connection.send(encodeSaved(document.doc));
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
					connection.send(encodeSyncStep2(document.doc, message.stateVector));
					break;
				case 'update':
					// A read-only connection's edits are dropped, never stored or relayed.
					if (!connection.canWrite || message.update.length <= EMPTY_UPDATE_LENGTH) break;
					await this.writer.write({
						documentName: access.documentName,
						update: message.update,
						authorId: connection.userId
					});
					document.applyStored(message.update, connection);
					this.publish(access.documentName, { kind: 'update', update: message.update });
					if (connection.wantsSaved) connection.send(encodeSaved(document.doc));
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
					this.publish(access.documentName, { kind: 'awareness', update: stamped });
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
