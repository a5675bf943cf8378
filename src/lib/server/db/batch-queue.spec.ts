import { describe, expect, it } from 'vitest';
import { BatchQueue } from './batch-queue';

const byLength = (maxBatch = 500, maxWeight?: number) => ({
	maxBatch,
	maxWeight,
	weight: (item: Uint8Array) => item.byteLength
});
const update = (bytes: number) => new Uint8Array(bytes);

describe('the batch queue', () => {
	it('puts every item that arrived in the same moment into one statement', async () => {
		const batches: number[] = [];
		const writer = new BatchQueue(async (batch) => void batches.push(batch.length), byLength());
		await Promise.all(Array.from({ length: 7 }, () => writer.add(update(10))));
		expect(batches).toEqual([7]);
	});

	it('keeps a statement within its budget, and still stores an item larger than it', async () => {
		const batches: number[][] = [];
		const writer = new BatchQueue(
			async (batch) => void batches.push(batch.map((u) => u.byteLength)),
			byLength(500, 100)
		);
		await Promise.all([40, 40, 40, 250, 10].map((bytes) => writer.add(update(bytes))));
		expect(batches).toEqual([[40, 40], [40], [250], [10]]);
	});

	it('fails exactly the items of a failed statement', async () => {
		let calls = 0;
		const writer = new BatchQueue(async () => {
			if (calls++ === 0) throw new Error('disk full');
		}, byLength(2));
		const results = await Promise.allSettled([1, 2, 3].map(() => writer.add(update(1))));
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
	});

	it('gives each caller the result of its own item', async () => {
		const queue = new BatchQueue(async (batch: number[]) => batch.map((n) => n * 10), {
			maxBatch: 500
		});
		expect(await Promise.all([1, 2, 3].map((n) => queue.add(n)))).toEqual([10, 20, 30]);
	});
});
