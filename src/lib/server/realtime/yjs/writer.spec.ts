import { describe, expect, it } from 'vitest';
import type { StoredUpdate } from './persistence';
import { UpdateWriter } from './writer';

const update = (bytes: number, name = 'plan/x/housing'): StoredUpdate => ({
	documentName: name,
	update: new Uint8Array(bytes),
	authorId: null
});

describe('the group commit', () => {
	it('puts every update that arrived in the same moment into one statement', async () => {
		const batches: number[] = [];
		const writer = new UpdateWriter(async (batch) => void batches.push(batch.length));
		await Promise.all(Array.from({ length: 7 }, () => writer.write(update(10))));
		expect(batches).toEqual([7]);
	});

	it('keeps a statement within its byte budget, and still stores an update larger than it', async () => {
		const batches: number[][] = [];
		const writer = new UpdateWriter(
			async (batch) => void batches.push(batch.map((u) => u.update.byteLength)),
			500,
			100
		);
		await Promise.all([40, 40, 40, 250, 10].map((bytes) => writer.write(update(bytes))));
		expect(batches).toEqual([[40, 40], [40], [250], [10]]);
	});

	it('fails exactly the updates of a failed statement', async () => {
		let calls = 0;
		const writer = new UpdateWriter(async () => {
			if (calls++ === 0) throw new Error('disk full');
		}, 2);
		const results = await Promise.allSettled([1, 2, 3].map(() => writer.write(update(1))));
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
	});
});
