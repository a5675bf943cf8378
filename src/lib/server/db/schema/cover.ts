import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	check,
	index,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { citizens } from './citizens';
import { users } from './users';

export const absenceKind = pgEnum('absence_kind', ['sick', 'holiday', 'course', 'other']);

export const absences = pgTable(
	'absences',
	{
		id: uuid().primaryKey().defaultRandom(),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		kind: absenceKind().notNull(),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		/** Null for open-ended sick leave. */
		endsAt: timestamp({ withTimezone: true }),
		note: text(),
		enteredBy: uuid()
			.notNull()
			.references(() => users.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		cancelledAt: timestamp({ withTimezone: true })
	},
	(t) => [
		index('absences_user_idx').on(t.userId, t.startsAt),
		check('absences_ordered', sql`${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`)
	]
);

export const coverStatus = pgEnum('cover_status', ['proposed', 'confirmed', 'revoked']);

/**
 * A colleague's access to a citizen while the case manager is away. The grant's window follows
 * the absence to the minute; the policy honours exactly [startsAt, endsAt).
 */
export const coverGrants = pgTable(
	'cover_grants',
	{
		id: uuid().primaryKey().defaultRandom(),
		absenceId: uuid()
			.notNull()
			.references(() => absences.id),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		coverUserId: uuid()
			.notNull()
			.references(() => users.id),
		status: coverStatus().notNull().default('proposed'),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }),
		proposedBy: uuid().references(() => users.id),
		proposalReason: text(),
		confirmedBy: uuid().references(() => users.id),
		confirmedAt: timestamp({ withTimezone: true }),
		revokedAt: timestamp({ withTimezone: true }),
		revokedReason: text(),
		/** Set on a re-proposal: the grant it replaces (its colleague became absent, say). */
		replacesGrantId: uuid().references((): AnyPgColumn => coverGrants.id),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('cover_grants_cover_user_idx').on(t.coverUserId, t.status),
		index('cover_grants_citizen_idx').on(t.citizenId, t.status),
		index('cover_grants_absence_idx').on(t.absenceId),
		check('cover_grants_ordered', sql`${t.endsAt} is null or ${t.endsAt} > ${t.startsAt}`)
	]
);
