import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planDocuments, planSnapshots, planUpdates } from '../../src/lib/server/db/schema';
import {
	COMPACT_AFTER_UPDATES,
	COMPACT_WHILE_EDITED_AFTER,
	compactDocument,
	ensureDocument,
	fetchDocument,
	storeUpdates
} from '../../src/lib/server/realtime/yjs/persistence';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';

const ctx = useRealtimeContext();

/** Stores `count` typing updates for a document, as if written a minute ago. */
async function storeHistory(name: string, section: string, count: number, text: string) {
	await ensureDocument(ctx.db, name, ctx.citizen.id, section);
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < count; i++) doc.getText('text').insert(i, text[i % text.length]!);
	// Deleted text is history, not state: the snapshot need not carry it.
	doc.getText('text').delete(0, Math.floor(count / 2));
	const minuteAgo = new Date(Date.now() - 60_000);
	await ctx.db.insert(planUpdates).values(
		updates.map((update) => ({
			documentName: name,
			update,
			authorId: ctx.users.caseManager.id,
			createdAt: minuteAgo
		}))
	);
	return doc.getText('text').toString();
}

function textOf(parts: Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const part of parts) Y.applyUpdate(doc, part);
	return doc.getText('text').toString();
}

describe('compaction', () => {
	it('merges settled history into one snapshot that loads the same text, and keeps every update', async () => {
		const name = `plan/${ctx.citizen.id}/social_network`;
		const expected = await storeHistory(name, 'social_network', 400, 'netværk ');
		const before = await fetchDocument(ctx.db, name);
		expect(before).toHaveLength(401);
		const young = new Y.Doc();
		Y.applyUpdate(young, Y.mergeUpdates(before));
		young.getText('text').insert(0, 'NY ');
		await ctx.db.insert(planUpdates).values({
			documentName: name,
			update: Y.encodeStateAsUpdate(young, Y.encodeStateVectorFromUpdate(Y.mergeUpdates(before)))
		});

		expect(await compactDocument(ctx.db, name)).toBe(401);
		const after = await fetchDocument(ctx.db, name);
		// The snapshot, plus the update too young to be settled.
		expect(after).toHaveLength(2);
		expect(textOf(after)).toBe(`NY ${expected}`);
		const [snapshot] = await ctx.db
			.select()
			.from(planSnapshots)
			.where(eq(planSnapshots.documentName, name));
		expect(snapshot!.state.byteLength).toBeLessThan(Y.mergeUpdates(before).byteLength);
		const history = await ctx.db
			.select()
			.from(planUpdates)
			.where(eq(planUpdates.documentName, name));
		expect(history).toHaveLength(402);
	});

	it('the server compacts a long history by itself once a client has opened it', async () => {
		const name = `plan/${ctx.citizen.id}/daily_activities`;
		const expected = await storeHistory(
			name,
			'daily_activities',
			COMPACT_AFTER_UPDATES + 50,
			'dag '
		);
		const client = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await client.synced();
		expect(client.text().toString()).toBe(expected);
		await eventually(async () => {
			const rows = await ctx.db
				.select()
				.from(planSnapshots)
				.where(eq(planSnapshots.documentName, name));
			expect(rows).toHaveLength(1);
		});
		client.destroy();
	});

	it('compacts a document edited without a pause while it is being edited, so it still loads fast', async () => {
		const name = `plan/${ctx.citizen.id}/education_employment`;
		// Fewer stored updates than would compact it on opening.
		await storeHistory(name, 'education_employment', COMPACT_AFTER_UPDATES - 50, 'job ');
		const client = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await client.synced();
		const snapshots = () =>
			ctx.db.select().from(planSnapshots).where(eq(planSnapshots.documentName, name));
		expect(await snapshots()).toHaveLength(0);

		for (let i = 0; i < COMPACT_WHILE_EDITED_AFTER; i++) client.text().insert(0, 'x');
		// Long before the document rests (30 s here): the count of stored updates did it.
		await eventually(async () => expect(await snapshots()).toHaveLength(1), 10_000);
		const reader = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await reader.synced();
		expect(reader.text().toString()).toBe(client.text().toString());
		client.destroy();
		reader.destroy();
	});
});

describe('storing updates', () => {
	it('stores a batch byte for byte, whatever the names and bytes hold', async () => {
		const odd = `plan/${ctx.citizen.id}/custom:o'brien"; drop table x; --`;
		const plain = `plan/${ctx.citizen.id}/custom:plain`;
		const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
		const offset = new Uint8Array([9, 9, 1, 2, 3]).subarray(2);
		await storeUpdates(ctx.db, [
			{ documentName: odd, update: everyByte, authorId: ctx.users.caseManager.id },
			{ documentName: plain, update: offset, authorId: null },
			{ documentName: odd, update: new Uint8Array([0]), authorId: null }
		]);
		// Compared as plain arrays: postgres-js hands out Buffers, PGlite Uint8Arrays.
		const bytesOf = async (name: string) => (await fetchDocument(ctx.db, name)).map((p) => [...p]);
		expect(await bytesOf(odd)).toEqual([[...everyByte], [0]]);
		expect(await bytesOf(plain)).toEqual([[1, 2, 3]]);
		const [row] = await ctx.db.select().from(planUpdates).where(eq(planUpdates.documentName, odd));
		expect(row!.authorId).toBe(ctx.users.caseManager.id);
	});

	it('refuses an author that is not a user id, storing nothing of the batch', async () => {
		const name = `plan/${ctx.citizen.id}/custom:refused`;
		await expect(
			storeUpdates(ctx.db, [
				{ documentName: name, update: new Uint8Array([1]), authorId: null },
				{ documentName: name, update: new Uint8Array([2]), authorId: "x'); --" }
			])
		).rejects.toThrow();
		expect(await fetchDocument(ctx.db, name)).toEqual([]);
	});

	it('the database refuses to delete a plan document, whose updates are the history', async () => {
		const name = `plan/${ctx.citizen.id}/custom:kept`;
		await ensureDocument(ctx.db, name, ctx.citizen.id, 'custom:kept');
		await expect(
			ctx.db.delete(planDocuments).where(eq(planDocuments.name, name))
		).rejects.toMatchObject({
			cause: { message: 'plan documents are kept with their history: DELETE refused' }
		});
		const rows = await ctx.db.select().from(planDocuments).where(eq(planDocuments.name, name));
		expect(rows).toHaveLength(1);
	});
});
