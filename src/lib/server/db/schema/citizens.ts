import { sql } from 'drizzle-orm';
import {
	date,
	index,
	pgEnum,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { municipalities, organisations } from './organisations';
import { users } from './users';

/**
 * The course of ICM support: referred (visiteret, awaiting a case manager), active, stepped down
 * to lighter support (CTI or § 85 bostøtte), ended. A citizen can be re-opened.
 */
export const citizenStatus = pgEnum('citizen_status', [
	'referred',
	'active',
	'stepped_down',
	'ended'
]);

export const supportAfter = pgEnum('support_after', ['cti', 'sel_85', 'none', 'other']);

/** Why a citizen weighs more for a while: the method's most intense moments. */
export const acuteReason = pgEnum('acute_reason', [
	'crisis',
	'hospital_discharge',
	'eviction_threat'
]);

export const citizens = pgTable(
	'citizens',
	{
		id: uuid().primaryKey().defaultRandom(),
		municipalityId: uuid()
			.notNull()
			.references(() => municipalities.id),
		/** The ICM team responsible for the citizen. */
		teamId: uuid()
			.notNull()
			.references(() => organisations.id),
		firstName: text().notNull(),
		lastName: text().notNull(),
		/** Optional and never seeded: demo data carries no CPR numbers at all. */
		cpr: text(),
		birthDate: date({ mode: 'string' }),
		phone: text(),
		status: citizenStatus().notNull().default('referred'),
		supportAfter: supportAfter(),
		acuteReason: acuteReason(),
		acuteSince: timestamp({ withTimezone: true }),
		referredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('citizens_team_status_idx').on(t.teamId, t.status),
		uniqueIndex('citizens_cpr_unique')
			.on(t.municipalityId, t.cpr)
			.where(sql`${t.cpr} is not null`)
	]
);

export const citizenStatusHistory = pgTable(
	'citizen_status_history',
	{
		id: uuid().primaryKey().defaultRandom(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		status: citizenStatus().notNull(),
		supportAfter: supportAfter(),
		changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		changedBy: uuid().references(() => users.id),
		reason: text()
	},
	(t) => [index('citizen_status_history_citizen_idx').on(t.citizenId, t.changedAt)]
);

/** Where the citizen lives, over time. Housing First: a move into an own home starts the intense period. */
export const housingSituation = pgEnum('housing_situation', [
	'street',
	'shelter',
	'emergency_flat',
	'temporary',
	'youth_flat',
	'own_home',
	'hospital',
	'prison',
	'other'
]);

export const housingHistory = pgTable(
	'housing_history',
	{
		id: uuid().primaryKey().defaultRandom(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		situation: housingSituation().notNull(),
		/** Free text such as "Herberget Lyset" or an address; shown only through the policy. */
		place: text(),
		fromDate: date({ mode: 'string' }).notNull(),
		toDate: date({ mode: 'string' }),
		recordedBy: uuid().references(() => users.id),
		recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		note: text()
	},
	(t) => [
		index('housing_history_citizen_idx').on(t.citizenId, t.fromDate),
		// One current housing situation per citizen.
		uniqueIndex('housing_history_one_current')
			.on(t.citizenId)
			.where(sql`${t.toDate} is null`)
	]
);

/**
 * The one fixed case manager, with history. The partial unique index is the database's own
 * guarantee of the method's first rule: at most one active primary case manager per citizen.
 */
export const assignments = pgTable(
	'assignments',
	{
		id: uuid().primaryKey().defaultRandom(),
		citizenId: uuid()
			.notNull()
			.references(() => citizens.id),
		caseManagerId: uuid()
			.notNull()
			.references(() => users.id),
		startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp({ withTimezone: true }),
		startReason: text(),
		endReason: text(),
		/** Set when a team leader assigned above capacity on purpose. */
		capacityOverrideReason: text(),
		createdBy: uuid().references(() => users.id),
		endedBy: uuid().references(() => users.id)
	},
	(t) => [
		uniqueIndex('assignments_one_active_primary')
			.on(t.citizenId)
			.where(sql`${t.endedAt} is null`),
		index('assignments_case_manager_idx').on(t.caseManagerId, t.endedAt)
	]
);

/** A colleague the case manager nominates to cover this citizen first ("makker"). */
export const coverBuddies = pgTable('cover_buddies', {
	citizenId: uuid()
		.primaryKey()
		.references(() => citizens.id),
	buddyId: uuid()
		.notNull()
		.references(() => users.id),
	nominatedBy: uuid().references(() => users.id),
	nominatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});
