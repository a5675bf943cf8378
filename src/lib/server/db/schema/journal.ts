import { sql } from 'drizzle-orm';
import {
	check,
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

/** Kinds of contact; an attempt without contact counts as persistence, not as contact. */
export const contactKind = pgEnum('contact_kind', [
	'visit',
	'phone',
	'sms',
	'bisidder',
	'meeting',
	'attempt'
]);

export const contactPlace = pgEnum('contact_place', [
	'street',
	'shelter',
	'own_home',
	'partner_office',
	'phone',
	'other'
]);

export const contacts = pgTable(
	'contacts',
	{
		id: uuid().primaryKey().defaultRandom(),
		/** Chosen by the client so that an entry written offline is delivered exactly once. */
		clientId: uuid().notNull().unique(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		authorId: uuid()
			.notNull()
			.references(() => users.id),
		occurredAt: timestamp({ withTimezone: true }).notNull(),
		kind: contactKind().notNull(),
		place: contactPlace().notNull(),
		durationMinutes: integer().notNull(),
		note: text().notNull().default(''),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('contacts_citizen_idx').on(t.citizenId, t.occurredAt),
		index('contacts_author_idx').on(t.authorId, t.occurredAt),
		check(
			'contacts_duration_range',
			sql`${t.durationMinutes} >= 0 and ${t.durationMinutes} <= 1440`
		)
	]
);

/** Staff and partners present at a contact; joining visits is how colleagues come to know a citizen. */
export const contactParticipants = pgTable(
	'contact_participants',
	{
		contactId: uuid()
			.notNull()
			.references(() => contacts.id),
		userId: uuid().references(() => users.id),
		organisationId: uuid().references(() => organisations.id),
		name: text().notNull()
	},
	(t) => [index('contact_participants_contact_idx').on(t.contactId)]
);

/** Every correction inside the correction window keeps what was there before. */
export const contactRevisions = pgTable(
	'contact_revisions',
	{
		contactId: uuid()
			.notNull()
			.references(() => contacts.id),
		revision: integer().notNull(),
		previous: jsonb().notNull(),
		revisedBy: uuid()
			.notNull()
			.references(() => users.id),
		revisedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.contactId, t.revision] })]
);

export const contactAddenda = pgTable(
	'contact_addenda',
	{
		id: uuid().primaryKey().defaultRandom(),
		contactId: uuid()
			.notNull()
			.references(() => contacts.id),
		authorId: uuid()
			.notNull()
			.references(() => users.id),
		text: text().notNull(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('contact_addenda_contact_idx').on(t.contactId)]
);

/** Planned visits and appointments: what "Min dag" shows. */
export const appointments = pgTable(
	'appointments',
	{
		id: uuid().primaryKey().defaultRandom(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		userId: uuid()
			.notNull()
			.references(() => users.id),
		startsAt: timestamp({ withTimezone: true }).notNull(),
		endsAt: timestamp({ withTimezone: true }),
		place: contactPlace().notNull().default('other'),
		title: text().notNull(),
		createdBy: uuid().references(() => users.id),
		cancelledAt: timestamp({ withTimezone: true })
	},
	(t) => [index('appointments_user_idx').on(t.userId, t.startsAt)]
);
