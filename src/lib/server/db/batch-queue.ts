import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database } from './client';

/**
 * While one statement is in flight, new requests queue up and go together in the next: a group
 * commit for writes, one query for many reads. Each caller's promise settles only with its own
 * item's result (or the statement's error), so the caller may act as if it had been alone, and
 * no answer comes from a statement that started before the request arrived. Used for the plan's
 * Yjs updates, the audit log and the policy's facts: they come in bursts (a meeting's typing; a
 * plan page opening a socket per section; every page reconnecting after a restart).
 */
export class BatchQueue<T, R = void> {
	private queue: { item: T; resolve: (result: R) => void; reject: (e: unknown) => void }[] = [];
	private flushing: Promise<void> | null = null;

	constructor(
		/** Runs one statement for the batch; for reads, returns each item's result in order. */
		private readonly run: (batch: T[]) => Promise<R[] | void>,
		private readonly limits: {
			maxBatch: number;
			/** A batch stops growing at this total weight; an item heavier than that still goes alone. */
			maxWeight?: number;
			weight?: (item: T) => number;
		}
	) {}

	add(item: T): Promise<R> {
		return new Promise((resolve, reject) => {
			this.queue.push({ item, resolve, reject });
			this.flushing ??= this.flushLoop();
		});
	}

	/** Resolves when everything added so far is done (graceful shutdown waits on this). */
	async drain(): Promise<void> {
		while (this.flushing) await this.flushing;
	}

	/** How many queued items the next batch takes: at least one, however heavy. */
	private batchLength(): number {
		const { maxBatch, maxWeight = Infinity, weight = () => 1 } = this.limits;
		let total = 0;
		let count = 0;
		while (count < this.queue.length && count < maxBatch) {
			total += weight(this.queue[count]!.item);
			if (count > 0 && total > maxWeight) break;
			count++;
		}
		return count;
	}

	/**
	 * A statement fails as a whole: its items are tried again one by one, so an item that cannot
	 * be stored fails only its own caller, never the requests that happened to share its batch.
	 */
	private async runEachAlone(batch: typeof this.queue): Promise<void> {
		for (const entry of batch) {
			try {
				const results = await this.run([entry.item]);
				entry.resolve(results?.[0] as R);
			} catch (error) {
				entry.reject(error);
			}
		}
	}

	private async flushLoop(): Promise<void> {
		try {
			while (this.queue.length > 0) {
				// Lets every request that has already arrived join this batch. PGlite answers without
				// yielding to I/O, so without this pause every insert carried a single item (the
				// benchmark counted 50,000 one-row inserts for 50,000 edits at 2,000 edits/s).
				await new Promise((resolve) => setImmediate(resolve));
				const batch = this.queue.splice(0, this.batchLength());
				try {
					const results = await this.run(batch.map((entry) => entry.item));
					batch.forEach((entry, i) => entry.resolve(results?.[i] as R));
				} catch (error) {
					if (batch.length === 1) batch[0]!.reject(error);
					else await this.runEachAlone(batch);
				}
			}
		} finally {
			this.flushing = null;
		}
	}
}

/**
 * A queue per database, made on first use. A transaction gets none: its statements must run
 * inside it, in its own order, so the caller runs them directly.
 */
export function queuePerDatabase<T, R>(
	make: (db: Database) => BatchQueue<T, R>
): (db: Database) => BatchQueue<T, R> | null {
	const queues = new WeakMap<Database, BatchQueue<T, R>>();
	return (db) => {
		if (db instanceof PgTransaction) return null;
		let queue = queues.get(db);
		if (!queue) {
			queue = make(db);
			queues.set(db, queue);
			const all = queuesOf.get(db) ?? new Set();
			all.add(queue);
			queuesOf.set(db, all);
		}
		return queue;
	};
}

const queuesOf = new WeakMap<Database, Set<{ drain(): Promise<void> }>>();

/** Waits until every queue on this database is empty: closing it sooner would fail their callers. */
export async function drainQueues(db: Database): Promise<void> {
	await Promise.all([...(queuesOf.get(db) ?? [])].map((queue) => queue.drain()));
}
