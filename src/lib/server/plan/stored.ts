import { and, asc, eq, lt } from 'drizzle-orm';
import * as Y from 'yjs';
import { readSection, type SectionData } from '../../plan/read';
import { planDocumentName, type SectionKey } from '../../plan/sections';
import type { Database } from '../db/client';
import { planUpdates } from '../db/schema';
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
