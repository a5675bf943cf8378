import { PGlite, protocol } from '@electric-sql/pglite';
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
 * One transaction for a whole batch, and nothing else: the group commit behind every relayed
 * edit (the benchmark showed a second statement halving throughput).
 */
export async function storeUpdates(db: Database, batch: StoredUpdate[]): Promise<void> {
	if (batch.length === 0) return;
	const pglite = embeddedClient(db);
	if (pglite) return storeOnPGlite(pglite, batch);
	const rows = batch.map((u) => sql`(${u.documentName}, ${u.update}, ${u.authorId})`);
	await db.execute(
		sql`insert into plan_updates (document_name, update, author_id) values ${sql.join(rows, sql`, `)}`
	);
}

const STORE_STATEMENT = 'samplan_store_update';
const prepared = new WeakMap<PGlite, Promise<unknown>>();

/**
 * PGlite runs on this thread, so its cost per statement is the cost per edit. The insert is
 * prepared once per database and each batch is one pipeline of Bind/Execute pairs and one Sync:
 * one implicit transaction (all rows or none), no parsing or planning, the update bytes sent
 * binary. That halves the CPU of a one-row insert against `exec` with literals (measured in
 * isolation: 320-510 → 180-260 µs; see bench/README.md). The messages come from PGlite's own
 * protocol serializer; like `query`, the pipeline waits for any transaction in progress.
 */
async function storeOnPGlite(pglite: PGlite, batch: StoredUpdate[]): Promise<void> {
	let ready = prepared.get(pglite);
	if (!ready) {
		ready = exclusive(
			pglite,
			concat([
				protocol.serialize.parse({
					name: STORE_STATEMENT,
					text: 'insert into plan_updates (document_name, update, author_id) values ($1, $2, $3)'
				}),
				protocol.serialize.sync()
			])
		);
		prepared.set(pglite, ready);
		ready.catch(() => prepared.delete(pglite));
	}
	await ready;
	const messages: Uint8Array[] = [];
	for (const { documentName, update, authorId } of batch) {
		messages.push(
			protocol.serialize.bind({
				statement: STORE_STATEMENT,
				values: [documentName, update, authorId]
			}),
			EXECUTE
		);
	}
	messages.push(SYNC);
	await exclusive(pglite, concat(messages));
}

const EXECUTE = protocol.serialize.execute({});
const SYNC = protocol.serialize.sync();

function exclusive(pglite: PGlite, message: Uint8Array) {
	return pglite._runExclusiveTransaction(() =>
		pglite._runExclusiveQuery(() => pglite.execProtocol(message))
	);
}

function concat(parts: Uint8Array[]): Uint8Array {
	return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** The PGlite instance under drizzle, or null on PostgreSQL (drizzle keeps it as `$client`). */
function embeddedClient(db: Database): PGlite | null {
	const client = (db as unknown as { $client?: unknown }).$client;
	return client instanceof PGlite ? client : null;
}

/** A document opened with more stored updates than this since its snapshot is compacted. */
export const COMPACT_AFTER_UPDATES = 200;

/**
 * An open document is compacted when it rests or unloads; one edited without a pause for this
 * many updates is compacted while it is being edited.
 */
export const COMPACT_WHILE_EDITED_AFTER = 1000;

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
