import { sql } from 'drizzle-orm';
import { check, jsonb, numeric, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const municipalities = pgTable('municipalities', {
	id: uuid().primaryKey().defaultRandom(),
	name: text().notNull(),
	/** The four-digit kommunekode, e.g. '0999' for the demo municipality. */
	code: text().notNull().unique(),
	/** Roles that must sign in with a second factor (TOTP); set by the administrator. */
	twoFactorRoles: text()
		.array()
		.notNull()
		.default(sql`'{partner,team_leader}'::text[]`),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow()
});

/**
 * The municipality's own ICM teams and the partner agencies a plan coordinates with.
 * The kinds are the partners the method names (metodebeskrivelsen, afsnit 4 og 8).
 */
export const organisationKind = pgEnum('organisation_kind', [
	'icm_team',
	'jobcenter',
	'misbrugsbehandling',
	'psykiatri',
	'boligkontor',
	'myndighed',
	'ydelsescenter',
	'pensionsafdeling',
	'apotek',
	'hospital',
	'kriminalforsorg',
	'herberg',
	'daghoejskole',
	'andet'
]);

export const organisations = pgTable('organisations', {
	id: uuid().primaryKey().defaultRandom(),
	municipalityId: uuid()
		.notNull()
		.references(() => municipalities.id),
	kind: organisationKind().notNull(),
	name: text().notNull(),
	createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
	archivedAt: timestamp({ withTimezone: true })
});

/** Intensity weights a team leader may tune; the defaults are documented in caseload/weights.ts. */
export type TeamWeights = {
	base: number;
	moveInPeriod: number;
	acute: number;
	coverShare: number;
	hoursPerWeekStep: number;
};

/** Settings of an ICM team: the method's numbers, each configurable per team. */
export const teamSettings = pgTable(
	'team_settings',
	{
		teamId: uuid()
			.primaryKey()
			.references(() => organisations.id),
		/** Citizens per full-time post: the method says at most 8. */
		capacityPerFte: numeric({ precision: 4, scale: 2, mode: 'number' }).notNull().default(8),
		moveInPeriodDays: numeric({ precision: 4, scale: 0, mode: 'number' }).notNull().default(91),
		weights: jsonb().$type<TeamWeights>(),
		contactWarnDays: numeric({ precision: 3, scale: 0, mode: 'number' }).notNull().default(7),
		contactEscalateDays: numeric({ precision: 3, scale: 0, mode: 'number' }).notNull().default(14),
		journalCorrectionHours: numeric({ precision: 4, scale: 0, mode: 'number' })
			.notNull()
			.default(24),
		updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('team_settings_capacity_positive', sql`${t.capacityPerFte} > 0`),
		check('team_settings_thresholds_ordered', sql`${t.contactWarnDays} <= ${t.contactEscalateDays}`)
	]
);
