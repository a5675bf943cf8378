import * as random from 'lib0/random';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness, encodeUpdate } from './protocol';

/** One open websocket on a document, as the document sees it. */
export interface DocumentConnection {
	readonly userId: string;
	/** Re-decided when access is revalidated: a consent can shrink while the socket is open. */
	canWrite: boolean;
	/** Opted in to MESSAGE_SAVED acknowledgements (see src/lib/plan/protocol.ts). */
	readonly wantsSaved: boolean;
	send(message: Uint8Array): void;
}

export interface SharedDocumentOptions {
	/**
	 * After this long without an update the document is kept only as its encoded state: an open
	 * plan nobody is typing in costs its bytes (a few KB a section) instead of the Yjs structures
	 * (ten times that). The next update brings the structures back.
	 */
	idleAfterMs?: number;
	/** Called just before the structures are dropped, while they can still be read. */
	beforeIdle?(document: SharedDocument): void;
}

const DEFAULT_IDLE_AFTER_MS = 30_000;

/**
 * A document loaded from at most this many stored parts (a snapshot and a short tail) starts in
 * its encoded form: most sections opened are only read, and answering a client from the encoding
 * skips building the structures (cold load). A longer, never compacted history is applied at once.
 */
const LOAD_ENCODED_MAX_PARTS = 50;

/**
 * Presence (y-protocols/awareness) borrows only a client id and a 'destroy' subscription from
 * the Y.Doc it is given. The server has no presence of its own, so every section's presence
 * shares this stand-in instead of holding a Y.Doc of its own (2 KB a section; benchmarked).
 */
const PRESENCE_HOST = {
	clientID: random.uint32(),
	on: () => {},
	off: () => {}
} as unknown as Y.Doc;

/**
 * A loaded Yjs document and the connections on it. It is only ever created from stored state
 * (see DocumentRegistry.load), so no client is answered from an empty document; updates reach it
 * only after they are durable. Syncing a client needs only the encoded state, so a document that
 * was just loaded, or is idle, answers from it without building the structures.
 */
export class SharedDocument {
	readonly awareness = new awarenessProtocol.Awareness(PRESENCE_HOST);
	/** Each connection with the awareness client ids it controls, removed when it leaves. */
	readonly connections = new Map<DocumentConnection, Set<number>>();
	/** Updates this instance stored since it last had the document compacted (registry). */
	storedSinceCompaction = 0;
	/** Exactly one of the two holds the document: the live structures, or their encoding. */
	private live: Y.Doc | null = null;
	private encoded: Uint8Array | null = null;
	/** The encoding's state vector, computed once: every client's sync starts by asking for it. */
	private encodedVector: Uint8Array | null = null;
	private idleTimer?: NodeJS.Timeout;
	private destroyed = false;

	constructor(
		readonly name: string,
		stored: Uint8Array[],
		private readonly options: SharedDocumentOptions = {}
	) {
		this.awareness.setLocalState(null);
		if (stored.length <= LOAD_ENCODED_MAX_PARTS) {
			this.encoded = stored.length === 1 ? stored[0]! : Y.mergeUpdates(stored);
		} else this.wake(stored);
		this.awareness.on(
			'update',
			(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				const changed = [...changes.added, ...changes.updated, ...changes.removed];
				const owned = this.connections.get(origin as DocumentConnection);
				if (owned) {
					for (const id of changes.added) owned.add(id);
					for (const id of changes.removed) owned.delete(id);
				}
				this.broadcast(encodeAwareness(this.awareness, changed));
			}
		);
	}

	/** The live Yjs document, rebuilt from its encoding if it was idle. */
	get doc(): Y.Doc {
		return this.wake();
	}

	/** True while only the encoded state is held (for tests and the memory benchmark). */
	get idle(): boolean {
		return this.live === null;
	}

	stateVector(): Uint8Array {
		if (this.live) return Y.encodeStateVector(this.live);
		this.encodedVector ??= Y.encodeStateVectorFromUpdate(this.encoded!);
		return this.encodedVector;
	}

	/** What a client with this state vector is missing (all of it without one). */
	missingFor(stateVector?: Uint8Array): Uint8Array {
		if (this.live) return Y.encodeStateAsUpdate(this.live, stateVector);
		// A client that has nothing (a page just opened) is sent the encoding as it is.
		if (!stateVector || isEmptyStateVector(stateVector)) return this.encoded!;
		return Y.diffUpdate(this.encoded!, stateVector);
	}

	/** Applies an update that is already stored; the origin does not get its own edit back. */
	applyStored(update: Uint8Array, origin: DocumentConnection | 'remote'): void {
		Y.applyUpdate(this.wake(), update, origin);
	}

	/**
	 * Rebuilds the structures (from `initial`, or the encoding) if they were dropped, and restarts
	 * the idle timer. No closure here may capture the Y.Doc: the timer's would keep it alive.
	 */
	private wake(initial?: Uint8Array[]): Y.Doc {
		if (this.destroyed) throw new Error(`${this.name} is unloaded`);
		if (!this.live) {
			// Loaded before the relay listens, so loading encodes nothing for nobody.
			this.live = docFrom(initial ?? (this.encoded ? [this.encoded] : []));
			this.encoded = null;
			this.encodedVector = null;
			this.live.on('update', this.relay);
		}
		this.restartIdleTimer();
		return this.live;
	}

	private readonly relay = (update: Uint8Array, origin: unknown): void => {
		this.broadcast(encodeUpdate(update), origin);
	};

	private restartIdleTimer(): void {
		clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(
			() => this.rest(),
			this.options.idleAfterMs ?? DEFAULT_IDLE_AFTER_MS
		);
		this.idleTimer.unref();
	}

	private rest(): void {
		if (!this.live || this.destroyed) return;
		this.options.beforeIdle?.(this);
		this.encoded = Y.encodeStateAsUpdate(this.live);
		this.live.destroy();
		this.live = null;
	}

	applyAwareness(update: Uint8Array, origin: DocumentConnection | 'remote'): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
	}

	/** A connection speaks for its own awareness client ids, and for ids nobody holds yet. */
	maySpeakFor(connection: DocumentConnection, clientId: number): boolean {
		if (this.connections.get(connection)?.has(clientId)) return true;
		return !this.awareness.getStates().has(clientId);
	}

	join(connection: DocumentConnection): void {
		this.connections.set(connection, new Set());
	}

	/**
	 * Removes the connection and the presence it controlled; returns that removal as an awareness
	 * update for other instances, or null when it controlled none.
	 */
	leave(connection: DocumentConnection): Uint8Array | null {
		const owned = this.connections.get(connection);
		this.connections.delete(connection);
		if (!owned || owned.size === 0) return null;
		awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], 'leave');
		return awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...owned]);
	}

	awarenessSnapshot(): Uint8Array | null {
		const clients = [...this.awareness.getStates().keys()];
		return clients.length > 0 ? encodeAwareness(this.awareness, clients) : null;
	}

	/**
	 * The presence of this instance's own connections, as an awareness update (not a websocket
	 * message), for an instance that has just loaded the document; null when there is none.
	 */
	localAwareness(): Uint8Array | null {
		const clients = [...this.connections.values()].flatMap((owned) => [...owned]);
		return clients.length > 0
			? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
			: null;
	}

	destroy(): void {
		this.destroyed = true;
		clearTimeout(this.idleTimer);
		this.awareness.destroy();
		this.live?.destroy();
		this.live = null;
		this.encoded = null;
		this.encodedVector = null;
	}

	private broadcast(message: Uint8Array, except?: unknown): void {
		for (const connection of this.connections.keys()) {
			if (connection !== except) connection.send(message);
		}
	}
}

/** An encoded state vector with no clients: the varint 0 alone. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return stateVector.length === 1 && stateVector[0] === 0;
}

function docFrom(parts: readonly Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const part of parts) Y.applyUpdate(doc, part, 'store');
	}, 'store');
	return doc;
}
