import type { AuditAction, AuditPurpose } from '../../audit/codes';
import type { Database } from '../db/client';
import { BatchQueue, queuePerDatabase } from '../db/batch-queue';
import { storableText } from '../db/storable-text';
import { auditEvents } from '../db/schema';
import type { Actor, Decision } from '../policy';

export type { AuditAction, AuditPurpose };

export type AuditChannel = (typeof auditEvents.$inferInsert)['channel'];

export interface AuditEntry {
	actor: Actor | null;
	citizenId?: string | null;
	/** The policy action, e.g. 'plan.read', or another event such as 'session.login'. */
	action: AuditAction;
	/** What was touched, e.g. 'plan/…/housing' or 'citizen-list'. */
	resource: string;
	channel: AuditChannel;
	decision?: Decision;
	purpose?: AuditPurpose;
	details?: Record<string, unknown>;
	at?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one audit writer. Rows are append-only: the database refuses to change them. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
	await recordAuditMany(db, [entry]);
}

export async function recordAuditMany(db: Database, entries: AuditEntry[]): Promise<void> {
	if (entries.length === 0) return;
	const rows = entries.map(toRow);
	const queue = auditQueue(db);
	if (queue) await queue.add(rows);
	else await db.insert(auditEvents).values(rows);
}

type AuditRow = typeof auditEvents.$inferInsert;

/** Concurrent requests' rows share a statement; a caller's rows always go in the same one. */
const auditQueue = queuePerDatabase(
	(db) =>
		new BatchQueue<AuditRow[]>(
			async (batches) => void (await db.insert(auditEvents).values(batches.flat())),
			{ maxBatch: 500, maxWeight: 2000, weight: (rows) => rows.length }
		)
);

/** Details are jsonb, where a broken UTF-16 pair is refused too (see storableText). */
function storableDetails(details: Record<string, unknown> | null): Record<string, unknown> | null {
	if (!details) return null;
	return JSON.parse(
		JSON.stringify(details, (_key, value: unknown) =>
			typeof value === 'string' ? storableText(value) : value
		)
	) as Record<string, unknown>;
}

function toRow(entry: AuditEntry): AuditRow {
	return {
		at: entry.at ?? new Date(),
		actorId: entry.actor?.userId ?? null,
		actorRole: entry.actor?.role ?? null,
		actorOrganisationId: entry.actor?.organisationId ?? null,
		// A probe with a malformed id is still recorded, with the id as text in the details.
		citizenId: entry.citizenId && UUID.test(entry.citizenId) ? entry.citizenId : null,
		action: storableText(entry.action),
		resource: storableText(entry.resource),
		channel: entry.channel,
		grant: entry.decision?.grant?.kind ?? (entry.decision ? ('none' as const) : ('self' as const)),
		grantId: entry.decision?.grant?.id ?? null,
		allowed: entry.decision && !entry.decision.allowed ? 'deny' : 'allow',
		purpose: entry.purpose === undefined ? null : storableText(entry.purpose),
		details: storableDetails(
			entry.citizenId && !UUID.test(entry.citizenId)
				? { ...entry.details, requestedCitizenId: entry.citizenId.slice(0, 100) }
				: (entry.details ?? null)
		)
	};
}
