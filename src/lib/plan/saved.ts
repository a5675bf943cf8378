import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** The server skips updates this short (no structs, no deletions) and acknowledges nothing. */
const EMPTY_UPDATE_LENGTH = 2;

/**
 * Whether every local edit of one section is stored on the server, from the server's saved
 * acknowledgements (src/lib/plan/protocol.ts).
 *
 * Two checks, because a state vector cannot see deletions (deleting creates no new struct):
 * 1. every clock of the local state vector is covered by what the server is known to hold: its
 *    acknowledged state vectors, and every update it sent us (it relays only stored updates);
 * 2. every update message this socket sent has been acknowledged. The server answers each stored
 *    update message with one acknowledgement, in order, after a first one when the socket opens.
 */
export class SaveTracker {
	readonly #server = new Map<number, number>();
	#inFlight = 0;
	#greeted = false;

	/** A new socket: the server resends nothing, and our sync reply carries whatever it lacks. */
	socketOpened(): void {
		this.#inFlight = 0;
		this.#greeted = false;
	}

	/** Every message the socket sends passes through here, so in-flight updates are counted. */
	sent(message: Uint8Array): void {
		if (isStoredUpdateMessage(message)) this.#inFlight++;
	}

	acknowledged(stateVector: Map<number, number>): void {
		merge(this.#server, stateVector);
		if (this.#greeted) this.#inFlight = Math.max(0, this.#inFlight - 1);
		this.#greeted = true;
	}

	/** An update that came from the server, which stores every update before it relays it. */
	receivedFromServer(update: Uint8Array): void {
		merge(this.#server, Y.parseUpdateMeta(update).to);
	}

	isSaved(local: Map<number, number>): boolean {
		return this.#inFlight === 0 && covers(this.#server, local);
	}
}

export function covers(server: Map<number, number>, local: Map<number, number>): boolean {
	for (const [client, clock] of local) {
		if ((server.get(client) ?? 0) < clock) return false;
	}
	return true;
}

function merge(into: Map<number, number>, from: Map<number, number>): void {
	for (const [client, clock] of from) {
		if ((into.get(client) ?? 0) < clock) into.set(client, clock);
	}
}

/** A y-websocket sync message carrying an update the server will store and acknowledge. */
export function isStoredUpdateMessage(message: Uint8Array): boolean {
	try {
		const decoder = decoding.createDecoder(message);
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
		const type = decoding.readVarUint(decoder);
		if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return false;
		return decoding.readVarUint8Array(decoder).length > EMPTY_UPDATE_LENGTH;
	} catch {
		return false;
	}
}
