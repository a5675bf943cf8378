import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { SaveTracker, isStoredUpdateMessage } from './saved';

function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

const stateVector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

/** A client whose every update goes through the tracker, as the tracked websocket does. */
function client() {
	const doc = new Y.Doc();
	const tracker = new SaveTracker();
	tracker.socketOpened();
	tracker.acknowledged(new Map()); // the greeting the server sends when the socket opens
	// Like y-websocket, it sends local updates only, never what came from the server.
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'provider') tracker.sent(updateMessage(update));
	});
	return { doc, tracker, saved: () => tracker.isSaved(stateVector(doc)) };
}

describe('SaveTracker', () => {
	it('says saved only once the server acknowledges a state covering the local edit', () => {
		const { doc, tracker, saved } = client();
		expect(saved()).toBe(true);
		doc.getText('t').insert(0, 'Ønsker egen bolig');
		expect(saved()).toBe(false);
		tracker.acknowledged(stateVector(doc));
		expect(saved()).toBe(true);
	});

	it('does not take a deletion for saved before it is acknowledged', () => {
		const { doc, tracker, saved } = client();
		doc.getText('t').insert(0, 'abc');
		tracker.acknowledged(stateVector(doc));
		doc.getText('t').delete(0, 1);
		// Deleting adds no clock to the state vector; only the pending acknowledgement shows it.
		expect(saved()).toBe(false);
		tracker.acknowledged(stateVector(doc));
		expect(saved()).toBe(true);
	});

	it('counts what the server relayed as stored, so colleagues’ edits never read as unsaved', () => {
		const { doc, tracker, saved } = client();
		const colleague = new Y.Doc();
		colleague.getText('t').insert(0, 'Fra jobcentret');
		const update = Y.encodeStateAsUpdate(colleague);
		Y.applyUpdate(doc, update, 'provider');
		tracker.receivedFromServer(update);
		expect(saved()).toBe(true);
	});

	it('ignores messages the server neither stores nor acknowledges', () => {
		expect(isStoredUpdateMessage(updateMessage(new Uint8Array([0, 0])))).toBe(false);
		expect(isStoredUpdateMessage(new Uint8Array([1, 3, 0, 0, 0]))).toBe(false);
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'x');
		expect(isStoredUpdateMessage(updateMessage(Y.encodeStateAsUpdate(doc)))).toBe(true);
	});
});
