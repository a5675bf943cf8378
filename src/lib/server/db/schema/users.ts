import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	numeric,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { municipalities, organisations } from './organisations';
import { bytea } from './types';

export const userRole = pgEnum('user_role', ['case_manager', 'team_leader', 'partner', 'admin']);

export const users = pgTable(
	'users',
	{
		id: uuid().primaryKey().defaultRandom(),
		municipalityId: uuid()
			.notNull()
			.references(() => municipalities.id),
		/** The ICM team for staff, the partner agency for partners; none for administrators. */
		organisationId: uuid().references(() => organisations.id),
		role: userRole().notNull(),
		name: text().notNull(),
		/** Stored lower-cased; the unique index makes the login name unambiguous. */
		email: text().notNull(),
		title: text(),
		phone: text(),
		/** Share of a full-time post, 0.1–1.0; capacity is 8 × fte for case managers. */
		fte: numeric({ precision: 3, scale: 2, mode: 'number' }).notNull().default(1),
		passwordHash: text(),
		passwordChangedAt: timestamp({ withTimezone: true }),
		totpKey: bytea(),
		totpEnabledAt: timestamp({ withTimezone: true }),
		active: boolean().notNull().default(true),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		deactivatedAt: timestamp({ withTimezone: true })
	},
	(t) => [
		uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
		index('users_organisation_idx').on(t.organisationId),
		check('users_fte_range', sql`${t.fte} > 0 and ${t.fte} <= 1`),
		check(
			'users_organisation_required',
			sql`${t.role} = 'admin' or ${t.organisationId} is not null`
		)
	]
);

/** Sessions the Lucia way: the id is the SHA-256 of the token, the token itself is never stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: uuid()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp({ withTimezone: true }).notNull(),
		lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		twoFactorVerified: boolean().notNull().default(false),
		userAgent: text()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** One-time invitation links: only the hash of the token is stored. */
export const invitations = pgTable('invitations', {
	tokenHash: text().primaryKey(),
	userId: uuid()
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	createdBy: uuid().references(() => users.id),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	expiresAt: timestamp({ withTimezone: true }).notNull(),
	usedAt: timestamp({ withTimezone: true })
});

export const recoveryCodes = pgTable('recovery_codes', {
	codeHash: text().primaryKey(),
	userId: uuid()
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	usedAt: timestamp({ withTimezone: true })
});

/**
 * Login throttling kept in the database so it holds across restarts and instances.
 * The key is 'account:<email>' or 'ip:<address>'.
 */
export const loginThrottle = pgTable('login_throttle', {
	key: text().primaryKey(),
	failures: integer().notNull().default(0),
	windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	lockedUntil: timestamp({ withTimezone: true })
});
