import {
	bigserial,
	index,
	jsonb,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';

export const auditChannel = pgEnum('audit_channel', [
	'page',
	'action',
	'api',
	'socket',
	'yjs',
	'system'
]);

/** Which rule of the policy allowed the access; 'none' for denials. */
export const grantKind = pgEnum('grant_kind', [
	'primary',
	'cover',
	'consent',
	'team_leader',
	'self',
	'admin',
	'none'
]);

/**
 * Every read and write of citizen data, and every search with its criteria. Append-only: a
 * trigger in the migrations refuses UPDATE and DELETE, except the documented retention purge.
 * No foreign keys, so that the record outlives what it describes.
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: bigserial({ mode: 'number' }).primaryKey(),
		at: timestamp({ withTimezone: true }).notNull().defaultNow(),
		actorId: uuid(),
		actorRole: text(),
		actorOrganisationId: uuid(),
		citizenId: uuid(),
		action: text().notNull(),
		resource: text().notNull(),
		channel: auditChannel().notNull(),
		grant: grantKind().notNull(),
		grantId: uuid(),
		allowed: text().notNull().default('allow'),
		purpose: text(),
		details: jsonb()
	},
	(t) => [
		index('audit_events_citizen_idx').on(t.citizenId, t.at),
		index('audit_events_actor_idx').on(t.actorId, t.at)
	]
);

export const notifications = pgTable(
	'notifications',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid().notNull(),
		kind: text().notNull(),
		payload: jsonb().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		readAt: timestamp({ withTimezone: true })
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.createdAt)]
);
