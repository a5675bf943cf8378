import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { readSection, type SectionData } from '../../plan/read';
import { planDocumentName, type SectionKey } from '../../plan/sections';
import type { Database } from '../db/client';
import { planSnapshots, planUpdates } from '../db/schema';
import { fetchDocument } from '../realtime/yjs/persistence';

/**
 * A plan section as stored (snapshot plus later updates), read into plain data without any live
 * session. The caller has asked the policy first.
 */
export async function readStoredSection(
	db: Database,
	citizenId: string,
	section: SectionKey
): Promise<SectionData> {
	const doc = new Y.Doc();
	try {
		for (const update of await fetchDocument(db, planDocumentName(citizenId, section))) {
			Y.applyUpdate(doc, update);
		}
		return readSection(doc, section);
	} finally {
		doc.destroy();
	}
}

/**
 * A section as it stood at an instant, rebuilt from the stored updates before it (the history is
 * never compacted away: snapshots are only a shortcut for the present).
 */
export async function readSectionAt(
	db: Database,
	citizenId: string,
	section: SectionKey,
	at: Date
): Promise<SectionData> {
	const rows = await db
		.select({ update: planUpdates.update })
		.from(planUpdates)
		.where(
			and(
				eq(planUpdates.documentName, planDocumentName(citizenId, section)),
				lt(planUpdates.createdAt, at)
			)
		)
		.orderBy(asc(planUpdates.id));
	const doc = new Y.Doc();
	try {
		doc.transact(() => {
			for (const row of rows) Y.applyUpdate(doc, row.update);
		});
		return readSection(doc, section);
	} finally {
		doc.destroy();
	}
}

/**
 * The same section of many citizens, in two queries whatever their number (lists and dashboards
 * must not ask once per citizen).
 */
export async function readStoredSections(
	db: Database,
	citizenIds: readonly string[],
	section: SectionKey
): Promise<Map<string, SectionData>> {
	const names = new Map(citizenIds.map((id) => [planDocumentName(id, section), id]));
	const result = new Map<string, SectionData>();
	if (names.size === 0) return result;
	const snapshots = await db
		.select({ name: planSnapshots.documentName, state: planSnapshots.state })
		.from(planSnapshots)
		.where(inArray(planSnapshots.documentName, [...names.keys()]));
	const updates = await db
		.select({ name: planUpdates.documentName, update: planUpdates.update })
		.from(planUpdates)
		.leftJoin(planSnapshots, eq(planSnapshots.documentName, planUpdates.documentName))
		.where(
			and(
				inArray(planUpdates.documentName, [...names.keys()]),
				sql`${planUpdates.id} > coalesce(${planSnapshots.throughUpdateId}, 0)`
			)
		)
		.orderBy(asc(planUpdates.id));
	for (const [name, citizenId] of names) {
		const doc = new Y.Doc();
		try {
			doc.transact(() => {
				for (const s of snapshots) if (s.name === name) Y.applyUpdate(doc, s.state);
				for (const u of updates) if (u.name === name) Y.applyUpdate(doc, u.update);
			});
			result.set(citizenId, readSection(doc, section));
		} finally {
			doc.destroy();
		}
	}
	return result;
}
