import * as Y from 'yjs';
import type { Database } from '../../db/client';
import type { DocumentFanout, FanoutEvent, PeerMessage } from '../fanout/document-fanout';
import { SharedDocument, type DocumentConnection } from './document';
import {
	COMPACT_AFTER_UPDATES,
	COMPACT_WHILE_EDITED_AFTER,
	compactDocument,
	ensureDocument,
	fetchDocument
} from './persistence';
import type { DocumentAccess } from './server';

export interface OpenDocument {
	name: string;
	ready: Promise<SharedDocument>;
	users: number;
	unloadTimer?: NodeJS.Timeout;
}

export interface DocumentRegistryOptions {
	db: Database;
	/** Other instances with the same documents loaded (several instances behind a balancer). */
	fanout?: DocumentFanout;
	/** How long an unused document stays in memory, so a quick reconnect needs no reload. */
	unloadAfterMs?: number;
	/** Resolves when every accepted update is stored; a document is never unloaded before. */
	drainWrites(): Promise<void>;
	/** Called with a loaded document's name just before it is destroyed (the last projection). */
	beforeUnload?(documentName: string): void;
	/** How long a document goes without updates before only its encoding is kept. */
	idleAfterMs?: number;
	/** Called with a document's name just before its structures are dropped (idle). */
	beforeIdle?(documentName: string): void;
}

/**
 * The documents this instance has in memory: loaded from the store once, shared by every
 * connection on them, kept in step with other instances, compacted when their history is long,
 * and unloaded a while after the last connection leaves.
 */
export class DocumentRegistry {
	private readonly documents = new Map<string, OpenDocument>();
	private compactions: Promise<void> = Promise.resolve();
	private readonly compactionsQueued = new Set<string>();
	private closing = false;

	constructor(private readonly options: DocumentRegistryOptions) {}

	acquire(access: DocumentAccess): OpenDocument {
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

	release(entry: OpenDocument): void {
		if (--entry.users > 0 || this.documents.get(entry.name) !== entry) return;
		entry.unloadTimer = setTimeout(async () => {
			if (entry.users > 0 || this.documents.get(entry.name) !== entry) return;
			await this.options.drainWrites();
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
			(document) => {
				this.options.beforeUnload?.(entry.name);
				this.compactIfEdited(document);
				document.destroy();
			},
			() => {}
		);
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
		const stored = await fetchDocument(db, name);
		// Only a document with nothing stored can lack its row; a load is one query otherwise.
		if (stored.length === 0) await ensureDocument(db, name, access.citizenId, access.section);
		const document = new SharedDocument(name, stored, {
			idleAfterMs: this.options.idleAfterMs,
			beforeIdle: (idle) => {
				this.options.beforeIdle?.(idle.name);
				this.compactIfEdited(idle);
			}
		});
		// A long history is merged in the background, after the client has been answered.
		if (stored.length > COMPACT_AFTER_UPDATES) this.compactLater(name);
		deliver = (event) => this.receive(document, event);
		for (const event of early) this.receive(document, event);
		return document;
	}

	/**
	 * Counts an update stored for an open document. The document is compacted when it rests or
	 * unloads (compactIfEdited), when the meeting is over, not between two keystrokes of it; one
	 * edited without a pause is compacted every COMPACT_WHILE_EDITED_AFTER updates. Either way the
	 * next cold load reads one snapshot and a short tail.
	 */
	noteStored(document: SharedDocument): void {
		document.storedSinceCompaction++;
		if (document.storedSinceCompaction < COMPACT_WHILE_EDITED_AFTER) return;
		document.storedSinceCompaction = 0;
		this.compactLater(document.name);
	}

	private compactIfEdited(document: SharedDocument): void {
		if (document.storedSinceCompaction === 0) return;
		document.storedSinceCompaction = 0;
		this.compactLater(document.name);
	}

	/**
	 * Compactions run one at a time, with I/O let in before each: documents edited together reach
	 * their threshold together, and each compaction holds this thread (and PGlite) for a few ms.
	 */
	private compactLater(documentName: string): void {
		if (this.compactionsQueued.has(documentName)) return;
		this.compactionsQueued.add(documentName);
		this.compactions = this.compactions
			.then(() => new Promise((resolve) => setImmediate(resolve)))
			.then(() => {
				this.compactionsQueued.delete(documentName);
				// Shutting down: the next open compacts it instead.
				if (this.closing) return;
				return compactDocument(this.options.db, documentName);
			})
			.then(
				() => {},
				(error: unknown) => {
					console.error(`Could not compact ${documentName}:`, (error as Error).message);
				}
			);
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
	publish(documentName: string, message: PeerMessage): void {
		this.options.fanout?.publish(documentName, message).catch((error) => {
			console.error(
				`Could not relay ${message.kind} on ${documentName} to other instances:`,
				error
			);
		});
	}

	leave(document: SharedDocument, connection: DocumentConnection, name: string): void {
		const removed = document.leave(connection);
		if (removed) this.publish(name, { kind: 'awareness', update: removed });
	}

	/** On shutdown: every user leaves (other instances are told) and every document unloads. */
	async closeAll(): Promise<void> {
		this.closing = true;
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
		await this.compactions;
	}
}
