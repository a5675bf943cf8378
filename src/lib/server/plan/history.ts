import type { AuditPurpose } from '../../audit/codes';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { readSection } from '../../plan/read';
import { defineSchema } from '../../plan/schema';
import { isSectionKey, type SectionKey } from '../../plan/sections';
import { sectionLines } from '../../plan/lines';
import { recordAudit } from '../audit';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import { planDocuments, planUpdates, planVersions, users } from '../db/schema';
import type { Actor } from '../policy';
import { runtime } from '../runtime';
import { storeUpdates } from '../realtime/yjs/persistence';
import { typedText } from '../db/storable-text';

export class HistoryError extends Error {
	constructor(readonly code: 'forbidden' | 'not_found' | 'input') {
		super(code);
	}
}

type VersionKind = (typeof planVersions.$inferSelect)['kind'];

/** The whole plan's history is case work: partners, granted per section, do not reach it. */
async function requirePlan(
	db: Database,
	actor: Actor,
	citizenId: string,
	action: 'plan.read' | 'plan.write',
	purpose: AuditPurpose
) {
	const decision = await authorizeAndAudit(
		db,
		actor,
		action,
		{ citizenId, name: `plan/${citizenId}/history` },
		{ channel: action === 'plan.read' ? 'page' : 'action', purpose }
	);
	if (!decision.allowed) throw new HistoryError('forbidden');
}

/** The last stored update of every section document of the citizen: a version's bookmark. */
async function currentBookmark(db: Database, citizenId: string): Promise<Record<string, number>> {
	const rows = await db
		.select({
			name: planUpdates.documentName,
			id: sql<number>`max(${planUpdates.id})`.mapWith(Number)
		})
		.from(planUpdates)
		.innerJoin(planDocuments, eq(planDocuments.name, planUpdates.documentName))
		.where(eq(planDocuments.citizenId, citizenId))
		.groupBy(planUpdates.documentName);
	return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

async function storeVersion(
	db: Database,
	citizenId: string,
	kind: VersionKind,
	name: string | null,
	createdBy: string | null,
	now: Date
): Promise<string> {
	const [row] = await db
		.insert(planVersions)
		.values({
			citizenId,
			kind,
			name,
			throughUpdateIds: await currentBookmark(db, citizenId),
			createdBy,
			createdAt: now
		})
		.returning({ id: planVersions.id });
	return row!.id;
}

export async function listVersions(db: Database, actor: Actor, citizenId: string) {
	await requirePlan(db, actor, citizenId, 'plan.read', 'plan history');
	return db
		.select({
			id: planVersions.id,
			kind: planVersions.kind,
			name: planVersions.name,
			createdAt: planVersions.createdAt,
			createdBy: users.name
		})
		.from(planVersions)
		.leftJoin(users, eq(users.id, planVersions.createdBy))
		.where(eq(planVersions.citizenId, citizenId))
		.orderBy(desc(planVersions.createdAt));
}

export const versionName = typedText().min(1).max(100);

export async function saveNamedVersion(
	db: Database,
	actor: Actor,
	citizenId: string,
	name: string,
	now: Date = new Date()
): Promise<string> {
	const parsed = versionName.safeParse(name);
	if (!parsed.success) throw new HistoryError('input');
	await requirePlan(db, actor, citizenId, 'plan.write', 'plan history');
	return storeVersion(db, citizenId, 'named', parsed.data, actor.userId, now);
}

/**
 * A daily version of every plan changed since its last version, at most one a day: the plan's
 * history is kept even when nobody names a version or holds a meeting.
 */
export async function createDailyVersions(db: Database, now: Date = new Date()): Promise<number> {
	const rows = await db
		.select({ citizenId: planDocuments.citizenId })
		.from(planDocuments)
		.innerJoin(planUpdates, eq(planUpdates.documentName, planDocuments.name))
		.groupBy(planDocuments.citizenId)
		.having(
			sql`max(${planUpdates.createdAt}) > coalesce((select max(v.created_at) from plan_versions v
				where v.citizen_id = ${planDocuments.citizenId}), '-infinity'::timestamptz)
			and coalesce((select max(v.created_at) from plan_versions v
				where v.citizen_id = ${planDocuments.citizenId} and v.kind = 'daily'), '-infinity'::timestamptz)
				< ${now.toISOString()}::timestamptz - interval '20 hours'`
		);
	for (const row of rows) await storeVersion(db, row.citizenId, 'daily', null, null, now);
	return rows.length;
}

export function scheduleDailyVersions(db: Database): () => void {
	const run = () =>
		createDailyVersions(db).catch((error: unknown) =>
			console.error('Daily plan versions failed:', (error as Error).message)
		);
	const timer = setInterval(run, 60 * 60 * 1000);
	timer.unref();
	return () => clearInterval(timer);
}

async function sectionDocuments(db: Database, citizenId: string) {
	const docs = await db
		.select({ name: planDocuments.name, section: planDocuments.section })
		.from(planDocuments)
		.where(eq(planDocuments.citizenId, citizenId))
		.orderBy(planDocuments.section);
	return docs.filter((d): d is { name: string; section: SectionKey } => isSectionKey(d.section));
}

async function updatesOf(db: Database, documentName: string, throughId?: number) {
	return db
		.select({ id: planUpdates.id, update: planUpdates.update, authorId: planUpdates.authorId })
		.from(planUpdates)
		.where(
			and(
				eq(planUpdates.documentName, documentName),
				throughId === undefined ? undefined : lte(planUpdates.id, throughId)
			)
		)
		.orderBy(asc(planUpdates.id));
}

function docFrom(updates: { update: Uint8Array }[], section: SectionKey, gc = true): Y.Doc {
	const doc = new Y.Doc({ gc });
	doc.transact(() => {
		for (const u of updates) Y.applyUpdate(doc, u.update);
	});
	defineSchema(doc, section);
	return doc;
}

async function versionBookmark(
	db: Database,
	citizenId: string,
	versionId: string | 'now'
): Promise<Record<string, number>> {
	if (versionId === 'now') return currentBookmark(db, citizenId);
	const [version] = await db
		.select({ through: planVersions.throughUpdateIds })
		.from(planVersions)
		.where(and(eq(planVersions.id, versionId), eq(planVersions.citizenId, citizenId)));
	if (!version) throw new HistoryError('not_found');
	return version.through;
}

export interface SectionDiff {
	section: SectionKey;
	removed: string[];
	added: string[];
	authors: string[];
}

/**
 * What changed between two versions, section by section, and who changed it (every update is
 * stored with its author). Lines are compared as sets of facts, in the plan's own words.
 */
export async function compareVersions(
	db: Database,
	actor: Actor,
	citizenId: string,
	fromId: string,
	toId: string | 'now'
): Promise<SectionDiff[]> {
	await requirePlan(db, actor, citizenId, 'plan.read', 'plan history');
	const from = await versionBookmark(db, citizenId, fromId);
	const to = await versionBookmark(db, citizenId, toId);
	const result: SectionDiff[] = [];
	for (const { name, section } of await sectionDocuments(db, citizenId)) {
		const a = from[name] ?? 0;
		const b = to[name] ?? 0;
		if (a === b) continue;
		const [low, high] = a < b ? [a, b] : [b, a];
		const all = await updatesOf(db, name, high);
		const before = docFrom(
			all.filter((u) => u.id <= a),
			section
		);
		const after = docFrom(
			all.filter((u) => u.id <= b),
			section
		);
		const oldLines = sectionLines(readSection(before, section));
		const newLines = sectionLines(readSection(after, section));
		before.destroy();
		after.destroy();
		const authorIds = [
			...new Set(
				all.filter((u) => u.id > low && u.id <= high && u.authorId).map((u) => u.authorId as string)
			)
		];
		const authors =
			authorIds.length === 0
				? []
				: (
						await db
							.select({ name: users.name })
							.from(users)
							.where(inArray(users.id, authorIds))
							.orderBy(users.name)
					).map((u) => u.name);
		const removed = oldLines.filter((line) => !newLines.includes(line));
		const added = newLines.filter((line) => !oldLines.includes(line));
		if (removed.length > 0 || added.length > 0) result.push({ section, removed, added, authors });
	}
	return result;
}

/**
 * The edit that takes a section back to how it was at `throughId`: every later change is undone
 * with Yjs' own UndoManager on a copy, and the difference is returned as one new update. Nothing
 * stored is altered; the restore is an edit on top, like any other.
 */
export function revertUpdate(
	updates: { id: number; update: Uint8Array }[],
	throughId: number,
	section: SectionKey
): Uint8Array | null {
	const later = Symbol('later');
	const doc = docFrom(
		updates.filter((u) => u.id <= throughId),
		section,
		false
	);
	try {
		const scope = [...doc.share.entries()]
			.filter(([key]) => key !== 'meta')
			.map(([, type]) => type);
		const undo = new Y.UndoManager(scope, { trackedOrigins: new Set([later]), captureTimeout: 0 });
		for (const u of updates.filter((u) => u.id > throughId)) Y.applyUpdate(doc, u.update, later);
		if (!undo.canUndo()) return null;
		const before = Y.encodeStateVector(doc);
		while (undo.canUndo()) undo.undo();
		undo.destroy();
		const update = Y.encodeStateAsUpdate(doc, before);
		return update.length > 2 ? update : null;
	} finally {
		doc.destroy();
	}
}

/** Restores every section to the version, as new edits by the restorer; returns how many. */
export async function restoreVersion(
	db: Database,
	actor: Actor,
	citizenId: string,
	versionId: string,
	now: Date = new Date()
): Promise<number> {
	await requirePlan(db, actor, citizenId, 'plan.write', 'plan restore');
	const bookmark = await versionBookmark(db, citizenId, versionId);
	// The plan as it stands now is kept first, so the restore can itself be undone.
	await storeVersion(db, citizenId, 'restore', null, actor.userId, now);
	let restored = 0;
	for (const { name, section } of await sectionDocuments(db, citizenId)) {
		const all = await updatesOf(db, name);
		const update = revertUpdate(all, bookmark[name] ?? 0, section);
		if (!update) continue;
		const target = { documentName: name, citizenId, section };
		const apply = runtime().applyPlanEdit;
		if (apply) await apply(target, update, actor.userId);
		else await storeUpdates(db, [{ documentName: name, update, authorId: actor.userId }]);
		restored += 1;
	}
	await recordAudit(db, {
		actor,
		citizenId,
		action: 'plan.version.restore',
		resource: `plan/${citizenId}/versions/${versionId}`,
		channel: 'action',
		purpose: 'plan restore',
		details: { sections: restored },
		at: now
	});
	return restored;
}
