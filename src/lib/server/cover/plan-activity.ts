import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { LIFE_DIMENSIONS, type SectionKey } from '../../plan/sections';
import type { PlanAction } from '../../plan/read';
import type { Database } from '../db/client';
import { planDocuments, planUpdates, users } from '../db/schema';
import { readSectionAt } from '../plan/stored';
import type { TimeWindow } from './window';

export interface SectionChange {
	section: SectionKey;
	author: string;
	edits: number;
	lastAt: Date;
}

/** Who changed which part of the plan in a window, from the stored updates and their authors. */
export async function planChangesIn(
	db: Database,
	citizenId: string,
	window: { startsAt: Date; endsAt: Date },
	limit = 20
): Promise<SectionChange[]> {
	const rows = await db
		.select({
			section: planDocuments.section,
			author: sql<string>`coalesce(${users.name}, '–')`,
			edits: sql<number>`count(*)`.mapWith(Number),
			lastAt: sql<string>`max(${planUpdates.createdAt})`
		})
		.from(planUpdates)
		.innerJoin(planDocuments, eq(planDocuments.name, planUpdates.documentName))
		.leftJoin(users, eq(users.id, planUpdates.authorId))
		.where(
			and(
				eq(planDocuments.citizenId, citizenId),
				gte(planUpdates.createdAt, window.startsAt),
				lt(planUpdates.createdAt, window.endsAt)
			)
		)
		.groupBy(planDocuments.section, users.name)
		.orderBy(desc(sql`max(${planUpdates.createdAt})`))
		.limit(limit);
	return rows.map((r) => ({ ...r, section: r.section as SectionKey, lastAt: new Date(r.lastAt) }));
}

function actionsOf(data: Awaited<ReturnType<typeof readSectionAt>>): PlanAction[] {
	return data.kind === 'dimension' ? data.goals.flatMap((g) => g.actions) : [];
}

export interface ActionChange {
	section: SectionKey;
	what: string;
	owner: string;
	due: string | null;
}

/**
 * Actions added and actions completed in a window: each changed life dimension is rebuilt as it
 * stood at both ends of the window and compared.
 */
export async function actionChangesIn(
	db: Database,
	citizenId: string,
	window: { startsAt: Date; endsAt: Date },
	changedSections: readonly SectionKey[]
): Promise<{ added: ActionChange[]; done: ActionChange[] }> {
	const added: ActionChange[] = [];
	const done: ActionChange[] = [];
	const dimensions = changedSections.filter((s) =>
		(LIFE_DIMENSIONS as readonly string[]).includes(s)
	);
	for (const section of new Set(dimensions)) {
		const before = new Map(
			actionsOf(await readSectionAt(db, citizenId, section, window.startsAt)).map((a) => [a.id, a])
		);
		for (const action of actionsOf(await readSectionAt(db, citizenId, section, window.endsAt))) {
			const change = { section, what: action.what, owner: action.ownerLabel, due: action.due };
			const earlier = before.get(action.id);
			if (!earlier) added.push(change);
			if (action.status === 'done' && earlier?.status !== 'done') done.push(change);
		}
	}
	return { added, done };
}

export type { TimeWindow };
