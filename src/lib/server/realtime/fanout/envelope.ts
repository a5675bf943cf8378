import type { PeerMessage } from './document-fanout';

/**
 * The binary form of a peer message on a pub/sub channel: one kind byte, the sending instance's
 * id (so it can ignore its own messages), then the raw Yjs payload. No base64 or JSON, so a
 * 2 MB update costs 2 MB.
 */
export const INSTANCE_ID_BYTES = 16;

const KINDS = ['update', 'awareness', 'awareness-query'] as const;

export function encodeEnvelope(instanceId: Uint8Array, message: PeerMessage): Buffer {
	const payload = 'update' in message ? message.update : new Uint8Array(0);
	const envelope = Buffer.allocUnsafe(1 + INSTANCE_ID_BYTES + payload.byteLength);
	envelope[0] = KINDS.indexOf(message.kind);
	envelope.set(instanceId, 1);
	envelope.set(payload, 1 + INSTANCE_ID_BYTES);
	return envelope;
}

/** Null for anything that is not a well-formed envelope: a peer's bug must not crash us. */
export function decodeEnvelope(
	envelope: Uint8Array
): { sender: Uint8Array; message: PeerMessage } | null {
	if (envelope.byteLength < 1 + INSTANCE_ID_BYTES) return null;
	const kind = KINDS[envelope[0]!];
	const sender = envelope.subarray(1, 1 + INSTANCE_ID_BYTES);
	const payload = envelope.subarray(1 + INSTANCE_ID_BYTES);
	switch (kind) {
		case 'update':
		case 'awareness':
			return payload.byteLength > 0 ? { sender, message: { kind, update: payload } } : null;
		case 'awareness-query':
			return payload.byteLength === 0 ? { sender, message: { kind } } : null;
		default:
			return null;
	}
}
