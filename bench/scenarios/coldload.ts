import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { planDocuments, planUpdates } from '../../src/lib/server/db/schema';
import { compactDocument } from '../../src/lib/server/realtime/yjs/persistence';
import { createClient, sleep, waitSynced } from '../clients';
import type { BenchDatabase } from '../database';
import { coldDocumentName } from '../documents';
import type { BenchServer } from '../servers';
import { median } from '../stats';

export const STORED_EDITS = 20_000;
/** Cold loads measured for empty and for compacted documents: one each is a noisy number. */
const REPEATS = 9;
/** The never-compacted worst case takes ~0.3 s each to load and compacts itself after: fewer. */
const RAW_REPEATS = 3;
/** Other empty documents opened first, so a long-running server's warm code is measured. */
const WARM_UPS = 20;
const WARM_UP_EDITS = 2000;
const INSERT_CHUNK = 1000;

export interface ColdLoadDocuments {
	warmUp: string[];
	empty: string[];
	raw: string[];
	compacted: string[];
	/** Characters of text the stored edits add up to. */
	textLength: number;
}

export interface ColdLoadResult {
	server: string;
	storedEdits: number;
	/** Medians of the cold loads, connect to synced, in ms; null where not comparable. */
	emptyMs: number;
	rawMs: number | null;
	compactedMs: number | null;
	rawAll: number[];
	compactedAll: number[];
}

/** 20,000 single-keystroke updates: typing with a correction now and then, as in a meeting. */
function typingUpdates(count: number): { updates: Uint8Array[]; textLength: number } {
	const doc = new Y.Doc();
	const text = doc.getText('content');
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	const words = 'Borgeren ønsker egen bolig og hjælp til økonomi og netværk. ';
	for (let i = 0; updates.length < count; i++) {
		if (i % 10 === 9 && text.length > 0) text.delete(text.length - 1, 1);
		else text.insert(text.length, words[i % words.length]!);
	}
	const textLength = text.length;
	doc.destroy();
	return { updates, textLength };
}

/**
 * Stores the documents of the cold-load scenario (run while no server holds the database): some
 * with 20,000 separate updates, the same again compacted into a snapshot, and empty ones.
 */
export async function prepareColdLoad(database: BenchDatabase): Promise<ColdLoadDocuments> {
	const ids = database.citizenIds;
	const names = ids.slice(0, RAW_REPEATS + 2 * REPEATS + WARM_UPS).map(coldDocumentName);
	const { updates, textLength } = typingUpdates(STORED_EDITS);
	const documents: ColdLoadDocuments = {
		textLength,
		raw: names.slice(0, RAW_REPEATS),
		compacted: names.slice(RAW_REPEATS, RAW_REPEATS + REPEATS),
		empty: names.slice(RAW_REPEATS + REPEATS, RAW_REPEATS + 2 * REPEATS),
		warmUp: names.slice(RAW_REPEATS + 2 * REPEATS)
	};
	const handle = await database.open();
	try {
		const { db } = handle;
		const [first, ...others] = [...documents.raw, ...documents.compacted];
		for (const name of [first!, ...others]) {
			const citizenId = name.split('/')[1]!;
			await db.insert(planDocuments).values({ name, citizenId, section: 'action_plan_141' });
		}
		// Written an hour ago: compaction only merges settled updates (see persistence.ts).
		const anHourAgo = new Date(Date.now() - 3600_000);
		for (let start = 0; start < updates.length; start += INSERT_CHUNK) {
			const chunk = updates.slice(start, start + INSERT_CHUNK).map((update) => ({
				documentName: first!,
				update,
				authorId: database.userId,
				createdAt: anHourAgo
			}));
			await db.insert(planUpdates).values(chunk);
		}
		// The other documents get the same history, copied inside the database in id order.
		for (const name of others) {
			await db.execute(sql`
				insert into plan_updates (document_name, update, author_id, created_at)
				select ${name}, update, author_id, created_at from plan_updates
				where document_name = ${first!} order by id`);
		}
		for (const name of documents.compacted) await compactDocument(db, name);
		// The warm-up documents hold a shorter plan (its first 2,000 edits), compacted.
		for (const name of documents.warmUp) {
			const citizenId = name.split('/')[1]!;
			await db.insert(planDocuments).values({ name, citizenId, section: 'action_plan_141' });
			await db.execute(sql`
				insert into plan_updates (document_name, update, author_id, created_at)
				select ${name}, update, author_id, created_at from plan_updates
				where document_name = ${first!} order by id limit ${WARM_UP_EDITS}`);
			await compactDocument(db, name);
		}
	} finally {
		await handle.close();
	}
	return documents;
}

/** Connect to synced, in ms; throws unless the client then holds `expectedLength` characters. */
async function timeLoad(
	server: BenchServer,
	name: string,
	cookie: string | null,
	expectedLength: number | null
): Promise<number> {
	const start = performance.now();
	const spec = { index: 0, documentIndex: 0, documentName: name };
	const client = createClient(server.wsUrl, spec, cookie);
	const synced = await waitSynced(client.provider, 30_000);
	const elapsed = performance.now() - start;
	const length = client.doc.getText('content').length;
	client.destroy();
	if (!synced) throw new Error(`${server.kind}: ${name} did not sync within 30 s`);
	if (expectedLength !== null && length !== expectedLength) {
		throw new Error(`${server.kind}: ${name} loaded ${length} characters, not ${expectedLength}`);
	}
	return elapsed;
}

/** Connect-to-synced for documents never opened since the server started. */
export async function measureColdLoad(
	server: BenchServer,
	documents: ColdLoadDocuments,
	cookie: string | null
): Promise<ColdLoadResult> {
	for (const name of documents.warmUp) await timeLoad(server, name, cookie, null);
	await sleep(200);
	const emptyAll: number[] = [];
	for (const name of documents.empty) {
		emptyAll.push(await timeLoad(server, name, cookie, 0));
		await sleep(200);
	}
	const rawAll: number[] = [];
	const compactedAll: number[] = [];
	// Only Samplan stores documents; the stock server starts every document empty in memory.
	if (server.kind === 'Samplan') {
		const length = documents.textLength;
		// Compacted first: opening an uncompacted history starts its compaction in the background,
		// which would otherwise run beside the next measurements.
		for (const name of documents.compacted) {
			compactedAll.push(await timeLoad(server, name, cookie, length));
			await sleep(200);
		}
		for (const name of documents.raw) {
			rawAll.push(await timeLoad(server, name, cookie, length));
			await sleep(2000);
		}
	}
	return {
		server: server.kind,
		storedEdits: STORED_EDITS,
		emptyMs: median(emptyAll),
		rawMs: rawAll.length > 0 ? median(rawAll) : null,
		compactedMs: compactedAll.length > 0 ? median(compactedAll) : null,
		rawAll,
		compactedAll
	};
}
