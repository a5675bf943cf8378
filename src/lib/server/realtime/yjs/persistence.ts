import { PGlite } from '@electric-sql/pglite';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
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
	// One round trip: the snapshot (order 0) and the updates after it, in the order they were stored.
	const snapshotThrough = db
		.select({ through: planSnapshots.throughUpdateId })
		.from(planSnapshots)
		.where(eq(planSnapshots.documentName, documentName));
	const parts = await db
		.select({ part: planSnapshots.state, order: sql<number>`0`.mapWith(Number).as('order') })
		.from(planSnapshots)
		.where(eq(planSnapshots.documentName, documentName))
		.unionAll(
			db
				.select({ part: planUpdates.update, order: planUpdates.id })
				.from(planUpdates)
				.where(
					and(
						eq(planUpdates.documentName, documentName),
						gt(planUpdates.id, sql`coalesce((${snapshotThrough}), 0)`),
						throughUpdateId === undefined ? undefined : lte(planUpdates.id, throughUpdateId)
					)
				)
		)
		.orderBy(sql`2`);
	return parts.map((row) => row.part);
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
	const pglite = embeddedClient(db);
	if (pglite) {
		// PGlite runs on this thread: its simple query protocol costs about a quarter less CPU
		// per edit than the extended one (bench/README.md). Literals, so every value is checked.
		await pglite.exec(
			`insert into plan_updates (document_name, update, author_id) values ${batch.map(literalRow).join(', ')}`
		);
		return;
	}
	const rows = batch.map((u) => sql`(${u.documentName}, ${u.update}, ${u.authorId})`);
	await db.execute(
		sql`insert into plan_updates (document_name, update, author_id) values ${sql.join(rows, sql`, `)}`
	);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `(name, bytea, uuid)` as SQL literals (standard_conforming_strings: quotes are doubled). */
function literalRow(update: StoredUpdate): string {
	if (update.documentName.includes('\0')) throw new Error('document name with a NUL byte');
	if (update.authorId !== null && !UUID.test(update.authorId)) throw new Error('author is no uuid');
	const name = `'${update.documentName.replaceAll("'", "''")}'`;
	const bytes = `'\\x${Buffer.from(update.update.buffer, update.update.byteOffset, update.update.byteLength).toString('hex')}'`;
	return `(${name}, ${bytes}, ${update.authorId === null ? 'null' : `'${update.authorId}'`})`;
}

/** The PGlite instance under drizzle, or null on PostgreSQL (drizzle keeps it as `$client`). */
function embeddedClient(db: Database): { exec(query: string): Promise<unknown> } | null {
	const client = (db as unknown as { $client?: unknown }).$client;
	return client instanceof PGlite ? client : null;
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
