import * as Y from 'yjs';
import { readSection, type SectionData } from '../../plan/read';
import { planDocumentName, type SectionKey } from '../../plan/sections';
import type { Database } from '../db/client';
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
