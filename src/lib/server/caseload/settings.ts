import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { teamSettings, type TeamWeights } from '../db/schema';
import { authorizeTeam, type Actor, type Decision } from '../policy';
import { runtime } from '../runtime';
import { DEFAULT_CAPACITY_PER_FTE } from './capacity';
import { CaseloadError } from './errors';
import { DEFAULT_WEIGHTS, weightsOf } from './weights';

/** The method's numbers as one team has set them. */
export interface TeamSettingsValues {
	capacityPerFte: number;
	moveInPeriodDays: number;
	weights: TeamWeights;
	contactWarnDays: number;
	contactEscalateDays: number;
	journalCorrectionHours: number;
}

export interface TeamSettings extends TeamSettingsValues {
	/** Null while the team has never changed anything. */
	updatedAt: Date | null;
}

/** The ICM method's own numbers; a new team starts here and "reset" returns here. */
export const METHOD_DEFAULTS: TeamSettingsValues = {
	capacityPerFte: DEFAULT_CAPACITY_PER_FTE,
	moveInPeriodDays: 91,
	weights: DEFAULT_WEIGHTS,
	contactWarnDays: 7,
	contactEscalateDays: 14,
	journalCorrectionHours: 24
};

/** One form field, named as the form posts it (weights as `weights.base` …). */
export type SettingsField =
	| 'capacityPerFte'
	| 'moveInPeriodDays'
	| 'contactWarnDays'
	| 'contactEscalateDays'
	| 'journalCorrectionHours'
	| `weights.${keyof TeamWeights}`;

export interface FieldLimit {
	min: number;
	max: number;
	/** The smallest difference allowed: 1 for whole numbers, 0.5 for halves … */
	step: number;
}

export const SETTINGS_LIMITS: Record<SettingsField, FieldLimit> = {
	capacityPerFte: { min: 1, max: 12, step: 0.5 },
	moveInPeriodDays: { min: 0, max: 365, step: 1 },
	contactWarnDays: { min: 1, max: 90, step: 1 },
	contactEscalateDays: { min: 1, max: 180, step: 1 },
	journalCorrectionHours: { min: 1, max: 168, step: 1 },
	'weights.base': { min: 0.5, max: 3, step: 0.1 },
	'weights.moveInPeriod': { min: 1, max: 3, step: 0.1 },
	'weights.acute': { min: 1, max: 3, step: 0.1 },
	'weights.coverShare': { min: 0, max: 2, step: 0.1 },
	'weights.hoursPerWeekStep': { min: 0, max: 40, step: 0.5 }
};

export const SETTINGS_FIELDS = Object.keys(SETTINGS_LIMITS) as SettingsField[];

/**
 * What is wrong with a field: not a number, outside its range, finer than its step, or (for the
 * two contact thresholds) a warning that would come after the escalation.
 */
export type SettingsProblem = 'number' | 'range' | 'step' | 'order';

export class TeamSettingsInputError extends CaseloadError {
	constructor(readonly fields: Partial<Record<SettingsField, SettingsProblem>>) {
		super('input');
	}
}

/**
 * A number as a Danish user types it ("1,5") or as JSON sends it. Each problem is its own issue
 * message, so the form can say exactly what is wrong with the field.
 */
function amount(field: SettingsField) {
	const { min, max, step } = SETTINGS_LIMITS[field];
	return z
		.union([z.number(), z.string()])
		.transform((raw, ctx) => {
			const text = typeof raw === 'number' ? String(raw) : raw.trim().replace(',', '.');
			const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
			if (!Number.isFinite(value)) {
				ctx.addIssue({ code: 'custom', message: 'number' });
				return z.NEVER;
			}
			return value;
		})
		.refine((v) => v >= min && v <= max, { message: 'range', abort: true })
		.refine((v) => Math.abs(v / step - Math.round(v / step)) < 1e-9, { message: 'step' });
}

/** Any subset of the settings; what is left out keeps its current value. */
export const teamSettingsInput = z.object({
	capacityPerFte: amount('capacityPerFte').optional(),
	moveInPeriodDays: amount('moveInPeriodDays').optional(),
	contactWarnDays: amount('contactWarnDays').optional(),
	contactEscalateDays: amount('contactEscalateDays').optional(),
	journalCorrectionHours: amount('journalCorrectionHours').optional(),
	weights: z
		.object({
			base: amount('weights.base').optional(),
			moveInPeriod: amount('weights.moveInPeriod').optional(),
			acute: amount('weights.acute').optional(),
			coverShare: amount('weights.coverShare').optional(),
			hoursPerWeekStep: amount('weights.hoursPerWeekStep').optional()
		})
		.optional()
});

export type TeamSettingsInput = z.input<typeof teamSettingsInput>;

/** The form posts flat names (`weights.base`); the schema wants the weights nested. */
export function settingsInputFromForm(values: Record<string, string>): TeamSettingsInput {
	const pick = (field: SettingsField) => values[field] ?? '';
	return {
		capacityPerFte: pick('capacityPerFte'),
		moveInPeriodDays: pick('moveInPeriodDays'),
		contactWarnDays: pick('contactWarnDays'),
		contactEscalateDays: pick('contactEscalateDays'),
		journalCorrectionHours: pick('journalCorrectionHours'),
		weights: {
			base: pick('weights.base'),
			moveInPeriod: pick('weights.moveInPeriod'),
			acute: pick('weights.acute'),
			coverShare: pick('weights.coverShare'),
			hoursPerWeekStep: pick('weights.hoursPerWeekStep')
		}
	};
}

/** The team's settings, with the method's defaults for a team that has no row yet. */
export async function readTeamSettings(
	db: Database,
	actor: Actor,
	teamId: string
): Promise<TeamSettings> {
	const decision = authorizeTeam(actor, 'team.caseload.manage', teamId);
	await recordAudit(db, {
		actor,
		action: 'team.settings.read',
		resource: `team/${teamId}/settings`,
		channel: 'page',
		decision,
		purpose: 'team settings'
	});
	if (!decision.allowed) throw new CaseloadError('forbidden');
	return current(db, teamId);
}

/**
 * The team leader changes the team's numbers. All or nothing: one wrong field and nothing is
 * saved; the audit row holds the values before and after, and open dashboards recount at once.
 */
export async function updateTeamSettings(
	db: Database,
	actor: Actor,
	teamId: string,
	input: TeamSettingsInput,
	now: Date = new Date()
): Promise<TeamSettings> {
	// Asked before the input is judged, so a refused user learns nothing about the rules.
	const decision = await authorizeWrite(db, actor, teamId, now);
	const parsed = teamSettingsInput.safeParse(input);
	if (!parsed.success) throw new TeamSettingsInputError(problemsOf(parsed.error));
	const change = parsed.data;
	return write(db, actor, decision, teamId, now, false, (before) => {
		const after: TeamSettingsValues = {
			...before,
			...definedOnly(change),
			weights: { ...before.weights, ...definedOnly(change.weights ?? {}) }
		};
		if (after.contactWarnDays > after.contactEscalateDays) {
			throw new TeamSettingsInputError({ contactWarnDays: 'order', contactEscalateDays: 'order' });
		}
		return after;
	});
}

/** Back to the method's own numbers (8 per post, 7 and 14 days, 24 hours, the default weights). */
export async function resetTeamSettings(
	db: Database,
	actor: Actor,
	teamId: string,
	now: Date = new Date()
): Promise<TeamSettings> {
	const decision = await authorizeWrite(db, actor, teamId, now);
	return write(db, actor, decision, teamId, now, true, () => METHOD_DEFAULTS);
}

async function authorizeWrite(
	db: Database,
	actor: Actor,
	teamId: string,
	now: Date
): Promise<Decision> {
	const decision = authorizeTeam(actor, 'team.caseload.manage', teamId);
	if (decision.allowed) return decision;
	await recordAudit(db, {
		actor,
		action: 'team.settings.write',
		resource: `team/${teamId}/settings`,
		channel: 'action',
		decision,
		purpose: 'team settings',
		at: now
	});
	throw new CaseloadError('forbidden');
}

async function write(
	db: Database,
	actor: Actor,
	decision: Decision,
	teamId: string,
	now: Date,
	reset: boolean,
	next: (before: TeamSettingsValues) => TeamSettingsValues
): Promise<TeamSettings> {
	const saved = await db.transaction(async (tx) => {
		// Locks the row: a second save at the same moment waits, and its "before" is this one's "after".
		const { updatedAt: _, ...before } = await current(tx, teamId, true);
		const after = next(before);
		const row = {
			capacityPerFte: after.capacityPerFte,
			moveInPeriodDays: after.moveInPeriodDays,
			// A reset stores no weights, so the team follows the method's defaults from then on.
			weights: reset ? null : after.weights,
			contactWarnDays: after.contactWarnDays,
			contactEscalateDays: after.contactEscalateDays,
			journalCorrectionHours: after.journalCorrectionHours,
			updatedAt: now
		};
		await tx
			.insert(teamSettings)
			.values({ teamId, ...row })
			.onConflictDoUpdate({ target: teamSettings.teamId, set: row });
		await recordAudit(tx, {
			actor,
			action: 'team.settings.write',
			resource: `team/${teamId}/settings`,
			channel: 'action',
			decision,
			purpose: 'team settings',
			details: { before, after, ...(reset ? { reset: true } : {}) },
			at: now
		});
		return { ...after, updatedAt: now };
	});
	runtime().publish?.({ topic: 'caseload', rooms: [`team:${teamId}`], payload: {} });
	return saved;
}

async function current(db: Database, teamId: string, lock = false): Promise<TeamSettings> {
	const query = db.select().from(teamSettings).where(eq(teamSettings.teamId, teamId));
	const [row] = lock ? await query.for('update') : await query;
	if (!row) return { ...METHOD_DEFAULTS, updatedAt: null };
	return {
		capacityPerFte: row.capacityPerFte,
		moveInPeriodDays: row.moveInPeriodDays,
		weights: weightsOf(row.weights),
		contactWarnDays: row.contactWarnDays,
		contactEscalateDays: row.contactEscalateDays,
		journalCorrectionHours: row.journalCorrectionHours,
		updatedAt: row.updatedAt
	};
}

function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
		[K in keyof T]?: Exclude<T[K], undefined>;
	};
}

function problemsOf(error: z.ZodError): Partial<Record<SettingsField, SettingsProblem>> {
	const problems: Partial<Record<SettingsField, SettingsProblem>> = {};
	for (const issue of error.issues) {
		const field = issue.path.join('.') as SettingsField;
		if (!SETTINGS_FIELDS.includes(field)) continue;
		const problem = (['number', 'range', 'step'] as const).find((p) => p === issue.message);
		problems[field] ??= problem ?? 'number';
	}
	return problems;
}
