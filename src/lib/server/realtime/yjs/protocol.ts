import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';

import { MESSAGE_SAVED } from '../../../plan/protocol';

/** The y-websocket wire format: a varuint message type, then the sync or awareness payload. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * Close codes a client can act on (4000–4999 are the application's own range). The y-websocket
 * provider reconnects after any close; a refused client is refused again at the upgrade.
 */
export const CLOSE = {
	invalidMessage: 4400,
	sessionEnded: 4401,
	forbidden: 4403,
	tooLarge: 4413,
	serverError: 4500
} as const;

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
	encoding.writeVarUint8Array(encoder, stateVector);
	return encoding.toUint8Array(encoder);
}

/** Sync step 2: what the client lacks, as one update. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/** The server's state vector, telling an opted-in client which of its edits are stored. */
export function encodeSaved(stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SAVED);
	encoding.writeVarUint8Array(encoder, stateVector);
	return encoding.toUint8Array(encoder);
}

export type IncomingMessage =
	| { kind: 'sync-step-1'; stateVector: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' };

/** Decodes one message without touching any document; throws on anything malformed. */
export function decodeMessage(data: Uint8Array): IncomingMessage {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	let message: IncomingMessage;
	if (type === MESSAGE_SYNC) {
		const syncType = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (syncType === syncProtocol.messageYjsSyncStep1) {
			message = { kind: 'sync-step-1', stateVector: payload };
		} else if (
			syncType === syncProtocol.messageYjsSyncStep2 ||
			syncType === syncProtocol.messageYjsUpdate
		) {
			message = { kind: 'update', update: payload };
		} else {
			throw new Error(`unknown sync message type ${syncType}`);
		}
	} else if (type === MESSAGE_AWARENESS) {
		message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
	} else if (type === MESSAGE_QUERY_AWARENESS) {
		message = { kind: 'query-awareness' };
	} else {
		throw new Error(`unknown message type ${type}`);
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes after message');
	return message;
}

/**
 * Rewrites an awareness update before it is applied: each state's `user` becomes the identity
 * the server knows from the session (a browser cannot present itself as someone else), and
 * entries for client ids this connection may not speak for are dropped. Null when malformed.
 */
export function stampAwareness(
	update: Uint8Array,
	identity: Record<string, unknown>,
	maySpeakFor: (clientId: number) => boolean
): Uint8Array | null {
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		if (count > 64) return null;
		const entries: { clientId: number; clock: number; state: string }[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const raw = decoding.readVarString(decoder);
			if (!maySpeakFor(clientId)) continue;
			const state: unknown = JSON.parse(raw);
			const stamped =
				state !== null && typeof state === 'object' ? { ...state, user: identity } : state;
			entries.push({ clientId, clock, state: JSON.stringify(stamped) });
		}
		if (decoding.hasContent(decoder)) return null;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, entries.length);
		for (const entry of entries) {
			encoding.writeVarUint(encoder, entry.clientId);
			encoding.writeVarUint(encoder, entry.clock);
			encoding.writeVarString(encoder, entry.state);
		}
		return encoding.toUint8Array(encoder);
	} catch {
		return null;
	}
}
