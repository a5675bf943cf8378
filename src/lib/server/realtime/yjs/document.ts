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

/**
 * A loaded Yjs document and the connections on it. It is only ever created from stored state
 * (see YjsServer.open), so no client is answered from an empty document; updates reach it only
 * after they are durable.
 */
export class SharedDocument {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	/** Each connection with the awareness client ids it controls, removed when it leaves. */
	readonly connections = new Map<DocumentConnection, Set<number>>();
	/** Updates this instance stored since it last had the document compacted (registry). */
	storedSinceCompaction = 0;

	constructor(
		readonly name: string,
		stored: Uint8Array[]
	) {
		this.awareness.setLocalState(null);
		this.doc.transact(() => {
			for (const update of stored) Y.applyUpdate(this.doc, update, 'store');
		}, 'store');
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.broadcast(encodeUpdate(update), origin);
		});
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

	/** Applies an update that is already stored; the origin does not get its own edit back. */
	applyStored(update: Uint8Array, origin: DocumentConnection | 'remote'): void {
		Y.applyUpdate(this.doc, update, origin);
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
		this.awareness.destroy();
		this.doc.destroy();
	}

	private broadcast(message: Uint8Array, except?: unknown): void {
		for (const connection of this.connections.keys()) {
			if (connection !== except) connection.send(message);
		}
	}
}
