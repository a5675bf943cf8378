import {
	bigint,
	bigserial,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { citizens } from './citizens';
import { organisations } from './organisations';
import { users } from './users';
import { bytea } from './types';

/**
 * One Yjs document per plan section of a citizen ("plan/<citizenId>/<section>"), so that the
 * server can withhold whole sections a partner has no consent for: their client never receives
 * a byte of them.
 */
export const planDocuments = pgTable(
	'plan_documents',
	{
		name: text().primaryKey(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		section: text().notNull(),
		/** A plan's own section (custom:<id>) is named by whoever added it. */
		title: text(),
		schemaVersion: integer().notNull().default(1),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		lastUpdateAt: timestamp({ withTimezone: true })
	},
	(t) => [index('plan_documents_citizen_idx').on(t.citizenId)]
);

/**
 * Every Yjs update, with its author, written before the server relays it to anyone. Never
 * deleted or changed: this is the plan's history and the journal duty (notatpligt).
 *
 * No foreign keys, on purpose: this insert sits between every keystroke and its relay, and the
 * two referential checks per row doubled its cost (bench/README.md). The writer only stores
 * updates for a document it has loaded (so its row exists) by an authenticated user, and neither
 * documents nor users are ever deleted (migration 0005 makes the database refuse the former).
 */
export const planUpdates = pgTable(
	'plan_updates',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		documentName: text().notNull(),
		update: bytea().notNull(),
		authorId: uuid(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('plan_updates_document_idx').on(t.documentName, t.id)]
);

/** The merged state of a document up to an update id, so a long-edited plan loads fast. */
export const planSnapshots = pgTable('plan_snapshots', {
	documentName: text()
		.primaryKey()
		.references(() => planDocuments.name),
	state: bytea().notNull(),
	throughUpdateId: bigint({ mode: 'number' }).notNull(),
	updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

export const planVersionKind = pgEnum('plan_version_kind', [
	'meeting_end',
	'daily',
	'named',
	'restore'
]);

/** A version of a citizen's whole plan: for each section document, the last update it includes. */
export const planVersions = pgTable(
	'plan_versions',
	{
		id: uuid().primaryKey().defaultRandom(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		kind: planVersionKind().notNull(),
		name: text(),
		throughUpdateIds: jsonb().$type<Record<string, number>>().notNull(),
		createdBy: uuid().references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('plan_versions_citizen_idx').on(t.citizenId, t.createdAt)]
);

export const planItemKind = pgEnum('plan_item_kind', ['goal', 'subgoal', 'action']);
export const planActionStatus = pgEnum('plan_action_status', [
	'open',
	'in_progress',
	'done',
	'cancelled'
]);

/**
 * Relational projection of the plan's goals and actions, kept up to date by the server so that
 * dashboards and reminders query SQL, never Yjs.
 */
export const planItems = pgTable(
	'plan_items',
	{
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		section: text().notNull(),
		/** The item's id inside the Yjs document. */
		itemId: text().notNull(),
		kind: planItemKind().notNull(),
		parentItemId: text(),
		title: text().notNull(),
		ownerUserId: uuid().references(() => users.id),
		ownerOrganisationId: uuid().references(() => organisations.id),
		dueOn: date({ mode: 'string' }),
		status: planActionStatus(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.citizenId, t.itemId] }),
		index('plan_items_owner_org_idx').on(t.ownerOrganisationId, t.status),
		index('plan_items_owner_user_idx').on(t.ownerUserId, t.status)
	]
);

export const planSectionRevisions = pgTable(
	'plan_section_revisions',
	{
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		section: text().notNull(),
		lastRevisedAt: timestamp({ withTimezone: true }).notNull(),
		lastRevisedBy: uuid().references(() => users.id)
	},
	(t) => [primaryKey({ columns: [t.citizenId, t.section] })]
);

/** A multi-agency meeting about one citizen's plan; its end makes an automatic version. */
export const meetings = pgTable(
	'meetings',
	{
		id: uuid().primaryKey().defaultRandom(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp({ withTimezone: true }),
		startedBy: uuid()
			.notNull()
			.references(() => users.id),
		citizenPresent: text(),
		participants: jsonb().$type<{ userId?: string; name: string; organisation?: string }[]>()
	},
	(t) => [index('meetings_citizen_idx').on(t.citizenId, t.startedAt)]
);
