import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
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
export async function fetchDocument(db: Database, documentName: string): Promise<Uint8Array[]> {
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
				gt(planUpdates.id, snapshot?.throughUpdateId ?? 0)
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

/** One multi-row INSERT for a whole batch: the group commit behind every relayed edit. */
export async function storeUpdates(db: Database, batch: StoredUpdate[]): Promise<void> {
	if (batch.length === 0) return;
	await db.insert(planUpdates).values(batch);
	const names = [...new Set(batch.map((b) => b.documentName))];
	await db
		.update(planDocuments)
		.set({ lastUpdateAt: sql`now()` })
		.where(inArray(planDocuments.name, names));
}

/**
 * Merges everything stored for a document into one snapshot row, so that loading a plan edited
 * 20,000 times reads one state instead of 20,000 updates. The updates themselves are kept: they
 * are the history.
 */
export async function compactDocument(db: Database, documentName: string): Promise<number> {
	const [latest] = await db
		.select({ id: sql<number>`max(${planUpdates.id})`.mapWith(Number) })
		.from(planUpdates)
		.where(eq(planUpdates.documentName, documentName));
	if (!latest?.id) return 0;
	const parts = await fetchDocument(db, documentName);
	const state = Y.mergeUpdates(parts);
	await db
		.insert(planSnapshots)
		.values({ documentName, state, throughUpdateId: latest.id })
		.onConflictDoUpdate({
			target: planSnapshots.documentName,
			set: { state, throughUpdateId: latest.id, updatedAt: sql`now()` },
			setWhere: sql`${planSnapshots.throughUpdateId} < ${latest.id}`
		});
	return parts.length;
}
