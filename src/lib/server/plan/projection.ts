import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { SectionData } from '../../plan/read';
import { SCHEMA_VERSION } from '../../plan/schema';
import { isSectionKey, type SectionKey } from '../../plan/sections';
import type { Database, Transaction } from '../db/client';
import {
	organisations,
	planDocuments,
	planItems,
	planSectionRevisions,
	planUpdates,
	users
} from '../db/schema';
import { readStoredSection } from './stored';

/**
 * The SQL projection of the plan: `plan_items` (goals, subgoals, actions) and
 * `plan_section_revisions`, so that start pages and reminders query SQL, never Yjs. The Yjs
 * document stays the truth; these rows are rebuilt from it and may lag it by the debounce below.
 */

type ItemRow = typeof planItems.$inferInsert;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An id longer than this cannot be a real item id, and would not fit the primary key's index. */
const MAX_ID_LENGTH = 100;
const MAX_TITLE_LENGTH = 2000;
/** Rows per INSERT, well inside PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

/**
 * Replaces a section's rows with what the section holds now, in one transaction: items that are
 * gone are deleted, the rest upserted (an unchanged row keeps its `updatedAt`). The document is
 * written by many clients, so nothing in it can make this fail: an owner that is not a known user
 * or organisation, or a date that is no date, becomes null. Returns false, changing nothing, when
 * a projection of a later revision has already been written (another instance, or a backfill).
 */
export async function projectSection(
	db: Database,
	citizenId: string,
	section: SectionKey,
	data: SectionData,
	lastAuthorId: string | null,
	at: Date
): Promise<boolean> {
	const rows = itemRows(citizenId, section, data, at);
	return db.transaction(async (tx) => {
		const [current] = await tx
			.insert(planSectionRevisions)
			.values({ citizenId, section, lastRevisedAt: at, lastRevisedBy: lastAuthorId })
			.onConflictDoUpdate({
				target: [planSectionRevisions.citizenId, planSectionRevisions.section],
				set: {
					lastRevisedAt: sql`excluded.last_revised_at`,
					lastRevisedBy: sql`excluded.last_revised_by`
				},
				setWhere: sql`${planSectionRevisions.lastRevisedAt} <= excluded.last_revised_at`
			})
			.returning({ citizenId: planSectionRevisions.citizenId });
		if (!current) return false;
		// A document written by a newer Samplan is left to the server that understands it.
		if (data.schemaVersion !== null && data.schemaVersion > SCHEMA_VERSION) return true;

		await tx.delete(planItems).where(
			and(
				eq(planItems.citizenId, citizenId),
				eq(planItems.section, section),
				rows.length > 0
					? notInArray(
							planItems.itemId,
							rows.map((row) => row.itemId)
						)
					: undefined
			)
		);
		if (rows.length === 0) return true;
		await dropUnknownOwners(tx, rows);
		for (let i = 0; i < rows.length; i += CHUNK) {
			await tx
				.insert(planItems)
				.values(rows.slice(i, i + CHUNK))
				.onConflictDoUpdate({
					target: [planItems.citizenId, planItems.itemId],
					set: {
						section: sql`excluded.section`,
						kind: sql`excluded.kind`,
						parentItemId: sql`excluded.parent_item_id`,
						title: sql`excluded.title`,
						ownerUserId: sql`excluded.owner_user_id`,
						ownerOrganisationId: sql`excluded.owner_organisation_id`,
						dueOn: sql`excluded.due_on`,
						status: sql`excluded.status`,
						updatedAt: sql`excluded.updated_at`
					},
					setWhere: sql`(${planItems.section}, ${planItems.kind}, ${planItems.parentItemId},
						${planItems.title}, ${planItems.ownerUserId}, ${planItems.ownerOrganisationId},
						${planItems.dueOn}, ${planItems.status})
						is distinct from (excluded.section, excluded.kind, excluded.parent_item_id,
						excluded.title, excluded.owner_user_id, excluded.owner_organisation_id,
						excluded.due_on, excluded.status)`
				});
		}
		return true;
	});
}

/**
 * A digest of the rows a section's items project to: two readings with the same fingerprint
 * write the same `plan_items` rows (typing in a situation or the citizen's own words changes
 * none). A digest, not the rows, because one is kept per open section.
 */
export function itemsFingerprint(section: SectionKey, data: SectionData): string {
	return createHash('sha256')
		.update(JSON.stringify(itemRows('', section, data, FINGERPRINT_TIME)))
		.digest('base64');
}
const FINGERPRINT_TIME = new Date(0);

/**
 * The `plan_items` rows a section projects to. Exported for the demo seed, which writes a whole
 * municipality's plans in one transaction; everything else projects through projectSection.
 */
export function itemRows(
	citizenId: string,
	section: SectionKey,
	data: SectionData,
	at: Date
): ItemRow[] {
	if (data.kind !== 'dimension') return [];
	// The first item with an id wins: a copied item must not make the upsert touch a row twice.
	const rows = new Map<string, ItemRow>();
	const add = (row: Omit<ItemRow, 'citizenId' | 'section' | 'updatedAt'>) => {
		if (!validId(row.itemId) || rows.has(row.itemId)) return;
		rows.set(row.itemId, { ...row, citizenId, section, updatedAt: at });
	};
	for (const goal of data.goals) {
		if (!validId(goal.id)) continue;
		add({ itemId: goal.id, kind: 'goal', parentItemId: null, title: cleanText(goal.title) });
		for (const subgoal of goal.subgoals) {
			add({
				itemId: subgoal.id,
				kind: 'subgoal',
				parentItemId: goal.id,
				title: cleanText(subgoal.title)
			});
		}
		for (const action of goal.actions) {
			const ownerId = action.ownerId !== null && UUID.test(action.ownerId) ? action.ownerId : null;
			add({
				itemId: action.id,
				kind: 'action',
				parentItemId: goal.id,
				title: cleanText(action.what),
				ownerUserId: action.ownerKind === 'user' ? ownerId : null,
				ownerOrganisationId: action.ownerKind === 'organisation' ? ownerId : null,
				dueOn: calendarDate(action.due),
				status: action.status
			});
		}
	}
	return [...rows.values()];
}

/** Owners that do not exist (a deleted organisation, an id typed by hand) are not owners. */
async function dropUnknownOwners(db: Transaction, rows: ItemRow[]): Promise<void> {
	const userIds = [...new Set(rows.flatMap((row) => row.ownerUserId ?? []))];
	const organisationIds = [...new Set(rows.flatMap((row) => row.ownerOrganisationId ?? []))];
	const knownUsers = new Set(
		userIds.length === 0
			? []
			: (await db.select({ id: users.id }).from(users).where(inArray(users.id, userIds))).map(
					(row) => row.id
				)
	);
	const knownOrganisations = new Set(
		organisationIds.length === 0
			? []
			: (
					await db
						.select({ id: organisations.id })
						.from(organisations)
						.where(inArray(organisations.id, organisationIds))
				).map((row) => row.id)
	);
	for (const row of rows) {
		if (row.ownerUserId && !knownUsers.has(row.ownerUserId)) row.ownerUserId = null;
		if (row.ownerOrganisationId && !knownOrganisations.has(row.ownerOrganisationId)) {
			row.ownerOrganisationId = null;
		}
	}
}

function validId(id: string): boolean {
	return id !== '' && id.length <= MAX_ID_LENGTH && !id.includes('\u0000');
}

/** PostgreSQL text cannot hold NUL; a title is for lists, so a runaway one is cut. */
function cleanText(value: string): string {
	return value.replaceAll('\u0000', '').slice(0, MAX_TITLE_LENGTH);
}

/** A real calendar day only: JavaScript accepts 2026-02-31, PostgreSQL does not. */
function calendarDate(value: string | null): string | null {
	const match = value ? DATE.exec(value) : null;
	if (!match) return null;
	const [, year, month, day] = match.map(Number) as [number, number, number, number];
	const date = new Date(Date.UTC(year, month - 1, day));
	return year >= 1 &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day
		? value
		: null;
}

// ---------------------------------------------------------------------------------------------
// Rebuilding from the stored documents (a backfill, or after a crash lost a pending projection)

interface StoredDocument {
	citizenId: string;
	section: string;
	lastAt: Date;
	lastAuthorId: string | null;
}

/** Every section document, read from the store. For a backfill: reads the whole plan history. */
export async function projectAll(db: Database): Promise<number> {
	return projectStored(db, await storedDocuments(db));
}

/** Every section document of one citizen. */
export async function projectCitizen(db: Database, citizenId: string): Promise<number> {
	return projectStored(db, await storedDocuments(db, eq(planDocuments.citizenId, citizenId)));
}

/**
 * Only documents with updates newer than their projection (or none): one indexed query when
 * everything is current, so it is cheap enough to run in the background at every start.
 */
export async function projectStale(db: Database): Promise<number> {
	return projectStored(
		db,
		await storedDocuments(
			db,
			or(
				isNull(planSectionRevisions.citizenId),
				lt(planSectionRevisions.lastRevisedAt, planUpdates.createdAt)
			)
		)
	);
}

async function storedDocuments(db: Database, where?: SQL): Promise<StoredDocument[]> {
	// Plain SQL: the correlated subquery must name the outer plan_documents row explicitly.
	const last = sql`(select max(newer.id) from plan_updates newer
		where newer.document_name = plan_documents.name)`;
	return db
		.select({
			citizenId: planDocuments.citizenId,
			section: planDocuments.section,
			lastAt: planUpdates.createdAt,
			lastAuthorId: planUpdates.authorId
		})
		.from(planDocuments)
		.innerJoin(planUpdates, eq(planUpdates.id, last))
		.leftJoin(
			planSectionRevisions,
			and(
				eq(planSectionRevisions.citizenId, planDocuments.citizenId),
				eq(planSectionRevisions.section, planDocuments.section)
			)
		)
		.where(where);
}

/** One document at a time, so a backfill never holds the database from live edits for long. */
async function projectStored(db: Database, documents: StoredDocument[]): Promise<number> {
	let projected = 0;
	for (const document of documents) {
		if (!isSectionKey(document.section)) continue;
		const data = await readStoredSection(db, document.citizenId, document.section);
		const fresh = await projectSection(
			db,
			document.citizenId,
			document.section,
			data,
			document.lastAuthorId,
			document.lastAt
		);
		if (fresh) projected += 1;
	}
	return projected;
}
