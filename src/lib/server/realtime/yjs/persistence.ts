import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../db/client';
import { planDocuments, planSnapshots, planUpdates } from '../../db/schema';

export interface StoredUpdate {
	documentName: string;
	update: Uint8Array;
	authorId: string | null;
}

/**
 * Persistence is two functions, as in Hocuspocus: fetch the document's stored state, and store
 * updates. Unlike Hocuspocus, `storeUpdates` is awaited before an update is applied or relayed.
 */
export async function fetchDocument(
	db: Database,
	documentName: string,
	throughUpdateId?: number
): Promise<Uint8Array[]> {
	const [snapshot] = await db
		.select({ state: planSnapshots.state, throughUpdateId: planSnapshots.throughUpdateId })
		.from(planSnapshots)
		.where(eq(planSnapshots.documentName, documentName));
	const rows = await db
		.select({ update: planUpdates.update })
		.from(planUpdates)
		.where(
			and(
				eq(planUpdates.documentName, documentName),
				gt(planUpdates.id, snapshot?.throughUpdateId ?? 0),
				throughUpdateId === undefined ? undefined : lte(planUpdates.id, throughUpdateId)
			)
		)
		.orderBy(asc(planUpdates.id));
	return snapshot ? [snapshot.state, ...rows.map((r) => r.update)] : rows.map((r) => r.update);
}

export async function ensureDocument(
	db: Database,
	documentName: string,
	citizenId: string,
	section: string
): Promise<void> {
	await db
		.insert(planDocuments)
		.values({ name: documentName, citizenId, section })
		.onConflictDoNothing();
}

/**
 * One multi-row INSERT for a whole batch, and nothing else: the group commit behind every relayed
 * edit is a single statement (the benchmark showed a second one halving throughput).
 */
export async function storeUpdates(db: Database, batch: StoredUpdate[]): Promise<void> {
	if (batch.length === 0) return;
	await db.insert(planUpdates).values(batch);
}

/** Documents with more stored updates than this since their snapshot are compacted. */
export const COMPACT_AFTER_UPDATES = 200;

/**
 * Updates younger than this are left out of a snapshot: with several writers, an insert with a
 * smaller id can commit after one with a larger id, and a snapshot must never skip it.
 */
const SETTLED_SECONDS = 10;

/**
 * Merges a document's settled updates into one garbage-collected snapshot, so a plan edited
 * 20,000 times loads one state instead of 20,000 updates. The updates themselves are kept: they
 * are the history (notatpligt). Returns how many stored parts were merged.
 */
export async function compactDocument(db: Database, documentName: string): Promise<number> {
	const [settled] = await db
		.select({ id: sql<number | null>`max(${planUpdates.id})`.mapWith(Number) })
		.from(planUpdates)
		.where(
			and(
				eq(planUpdates.documentName, documentName),
				sql`${planUpdates.createdAt} < now() - make_interval(secs => ${SETTLED_SECONDS})`
			)
		);
	if (!settled?.id) return 0;
	const parts = await fetchDocument(db, documentName, settled.id);
	if (parts.length <= 1) return 0;
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const part of parts) Y.applyUpdate(doc, part);
	});
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	await db
		.insert(planSnapshots)
		.values({ documentName, state, throughUpdateId: settled.id })
		.onConflictDoUpdate({
			target: planSnapshots.documentName,
			set: { state, throughUpdateId: settled.id, updatedAt: sql`now()` },
			setWhere: sql`${planSnapshots.throughUpdateId} < ${settled.id}`
		});
	await db
		.update(planDocuments)
		.set({ lastUpdateAt: sql`now()` })
		.where(eq(planDocuments.name, documentName));
	return parts.length;
}
