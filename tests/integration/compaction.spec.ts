import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planSnapshots, planUpdates } from '../../src/lib/server/db/schema';
import {
	COMPACT_AFTER_UPDATES,
	compactDocument,
	ensureDocument,
	fetchDocument
} from '../../src/lib/server/realtime/yjs/persistence';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { startRealtimeContext } from './realtime-context';

let ctx: Awaited<ReturnType<typeof startRealtimeContext>>;
beforeAll(async () => {
	ctx = await startRealtimeContext();
});
afterAll(async () => {
	await ctx?.close();
});

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
});
