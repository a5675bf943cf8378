import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SharedDocument, type DocumentConnection } from './document';
import { decodeMessage } from './protocol';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storedText(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('text').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

function connection(): DocumentConnection & { received: Uint8Array[] } {
	const received: Uint8Array[] = [];
	return {
		userId: 'u',
		canWrite: true,
		wantsSaved: false,
		received,
		send: (m) => received.push(m)
	};
}

/** What a client holds after applying the server's answer to its sync step 1. */
function syncedText(document: SharedDocument, client = new Y.Doc()): string {
	Y.applyUpdate(client, document.missingFor(Y.encodeStateVector(client)));
	return client.getText('text').toString();
}

/** A document loaded from these parts and then edited, so it holds live structures. */
function editedDocument(name: string, parts: Uint8Array[], options = {}) {
	const document = new SharedDocument(name, parts, { idleAfterMs: 20, ...options });
	const client = new Y.Doc();
	Y.applyUpdate(client, document.missingFor());
	let edit: Uint8Array | null = null;
	client.on('update', (update: Uint8Array) => (edit = update));
	client.getText('text').insert(client.getText('text').length, '.');
	document.applyStored(edit!, 'remote');
	return document;
}

describe('a shared document kept in encoded form', () => {
	it('starts so when loaded from a snapshot and a short tail, and syncs a client completely', () => {
		const author = new Y.Doc();
		const parts: Uint8Array[] = [];
		author.on('update', (update: Uint8Array) => parts.push(update));
		author.getText('text').insert(0, 'Egen');
		author.getText('text').insert(4, ' bolig');
		const document = new SharedDocument('plan/x/own_words', parts);
		expect(document.idle).toBe(true);
		expect(document.stateVector()).toEqual(Y.encodeStateVector(author));
		expect(syncedText(document)).toBe('Egen bolig');
		expect(document.idle, 'syncing builds no structures').toBe(true);
		document.destroy();
	});

	it('keeps only its encoding again after the idle time, and still syncs a client completely', async () => {
		const author = new Y.Doc();
		const parts: Uint8Array[] = [];
		author.on('update', (update: Uint8Array) => parts.push(update));
		author.getText('text').insert(0, 'Egen');
		author.getText('text').insert(4, ' bolig');
		const document = editedDocument('plan/x/own_words', parts);
		const liveVector = document.stateVector();
		expect(document.idle).toBe(false);
		await sleep(60);
		expect(document.idle).toBe(true);
		expect(document.stateVector()).toEqual(liveVector);
		expect(syncedText(document)).toBe('Egen bolig.');

		// A client holding the first edit gets only the second.
		const partial = new Y.Doc();
		Y.applyUpdate(partial, parts[0]!);
		const missing = document.missingFor(Y.encodeStateVector(partial));
		expect(missing.byteLength).toBeLessThan(document.missingFor().byteLength);
		expect(syncedText(document, partial)).toBe('Egen bolig.');
		expect(document.idle).toBe(true);
		document.destroy();
	});

	it('wakes on an update and relays it to the other connections, not back to its sender', async () => {
		const document = new SharedDocument('plan/x/housing', [storedText('Bolig')], {
			idleAfterMs: 20
		});
		const sender = connection();
		const other = connection();
		document.join(sender);
		document.join(other);
		await sleep(60);
		expect(document.idle).toBe(true);

		const client = new Y.Doc();
		Y.applyUpdate(client, document.missingFor());
		let edit: Uint8Array | null = null;
		client.on('update', (update: Uint8Array) => (edit = update));
		client.getText('text').insert(5, ' nu');
		document.applyStored(edit!, sender);

		expect(document.idle).toBe(false);
		expect(document.doc.getText('text').toString()).toBe('Bolig nu');
		expect(sender.received).toHaveLength(0);
		expect(other.received).toHaveLength(1);
		const relayed = decodeMessage(other.received[0]!);
		expect(relayed.kind).toBe('update');
		document.destroy();
	});

	it('lets the projection read the structures before they are dropped', async () => {
		const seen: string[] = [];
		const document = editedDocument('plan/x/economy', [storedText('Gæld')], {
			beforeIdle: (idle: SharedDocument) => seen.push(idle.doc.getText('text').toString())
		});
		await sleep(60);
		expect(seen).toEqual(['Gæld.']);
		expect(document.idle).toBe(true);
		document.destroy();
	});
});
