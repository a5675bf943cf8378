import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid, date } from 'drizzle-orm/pg-core';
import { citizens } from './citizens';
import { organisations } from './organisations';
import { users } from './users';

/**
 * The citizen's consent to share parts of the plan: with a partner organisation, or with a person
 * from their network. `sections` holds plan section keys (src/lib/plan/sections.ts).
 */
export const consents = pgTable(
	'consents',
	{
		id: uuid().primaryKey().defaultRandom(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		organisationId: uuid().references(() => organisations.id),
		personName: text(),
		personRelation: text(),
		sections: text().array().notNull(),
		purpose: text().notNull(),
		givenOn: date({ mode: 'string' }).notNull(),
		validUntil: timestamp({ withTimezone: true }),
		recordedBy: uuid()
			.notNull()
			.references(() => users.id),
		recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp({ withTimezone: true }),
		revokedBy: uuid().references(() => users.id)
	},
	(t) => [
		index('consents_citizen_idx').on(t.citizenId),
		index('consents_organisation_idx').on(t.organisationId),
		check('consents_party', sql`(${t.organisationId} is not null) <> (${t.personName} is not null)`)
	]
);
