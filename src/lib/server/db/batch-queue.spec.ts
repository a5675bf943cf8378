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

	it('fails only the caller whose item cannot be stored, not those that shared its batch', async () => {
		const statements: number[][] = [];
		const writer = new BatchQueue(
			async (batch: number[]) => {
				statements.push(batch);
				if (batch.includes(0)) throw new Error('invalid byte sequence');
			},
			{ maxBatch: 500 }
		);
		const results = await Promise.allSettled([1, 0, 2].map((n) => writer.add(n)));
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(statements).toEqual([[1, 0, 2], [1], [0], [2]]);
	});

	it('fails every caller when the database is down', async () => {
		const writer = new BatchQueue(
			async () => {
				throw new Error('connection refused');
			},
			{ maxBatch: 500 }
		);
		const results = await Promise.allSettled([1, 2, 3].map((n) => writer.add(n)));
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
	});

	it('gives each caller the result of its own item', async () => {
		const queue = new BatchQueue(async (batch: number[]) => batch.map((n) => n * 10), {
			maxBatch: 500
		});
		expect(await Promise.all([1, 2, 3].map((n) => queue.add(n)))).toEqual([10, 20, 30]);
	});
});
