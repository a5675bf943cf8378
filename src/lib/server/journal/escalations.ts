import { and, eq, isNull } from 'drizzle-orm';
import { authorizeAndAuditMany } from '../audit/authorize';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { assignments, citizens, teamSettings, users } from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { followUp, lastAttemptSql, lastReachedSql, type FollowUp } from './follow-up';
import { outreachAgreements, type OutreachAgreement } from './lost-contact';

/** The defaults of `team_settings`, for a team whose settings row is missing. */
const DEFAULT_THRESHOLDS = { warnDays: 7, escalateDays: 14 };

/** A citizen nobody has reached for too long, as the lost-contact lists show them. */
export interface LostContact {
	id: string;
	name: string;
	followUp: FollowUp;
	/** Shown to the team leader; the case manager's own list leaves it out. */
	caseManager?: string | null;
	outreach: OutreachAgreement | null;
}

export interface Escalations {
	escalateDays: number;
	citizens: LostContact[];
}

/** What the follow-up rule needs of a citizen row, with the thresholds of the citizen's team. */
export interface FollowUpFacts {
	referredAt: Date;
	lastReached: Date | null;
	lastAttempt: Date | null;
	warnDays: number | null;
	escalateDays: number | null;
}

/** Select columns for `FollowUpFacts`; the query must left-join team_settings on the citizen's team. */
export function followUpColumns() {
	return {
		referredAt: citizens.referredAt,
		lastReached: lastReachedSql(citizens.id),
		lastAttempt: lastAttemptSql(citizens.id),
		warnDays: teamSettings.contactWarnDays,
		escalateDays: teamSettings.contactEscalateDays
	};
}

export function followUpOf(row: FollowUpFacts, now: Date): FollowUp {
	return followUp(row.lastReached, row.lastAttempt, row.referredAt, now, {
		warnDays: row.warnDays ?? DEFAULT_THRESHOLDS.warnDays,
		escalateDays: row.escalateDays ?? DEFAULT_THRESHOLDS.escalateDays
	});
}

/** Longest without contact first; never reached counts from the referral. */
export function byLongestSilence(a: LostContact, b: LostContact): number {
	const days = (c: LostContact) => c.followUp.daysSinceContact ?? Number.POSITIVE_INFINITY;
	return days(b) - days(a) || a.name.localeCompare(b.name, 'da');
}

/**
 * "Mistet kontakt" on the team leader's dashboard: the team's active citizens past the team's
 * escalation threshold, with their case manager and what was agreed with the citizen for exactly
 * this. The follow-up is computed for the whole team under the team grant; names and outreach
 * agreements are asked of the policy citizen by citizen, for the ones shown.
 */
export async function readEscalations(
	db: Database,
	actor: Actor,
	teamId: string,
	now: Date = new Date()
): Promise<Escalations | null> {
	const decision = authorizeTeam(actor, 'team.caseload.read', teamId);
	await recordAudit(db, {
		actor,
		action: 'team.caseload.read',
		resource: `team/${teamId}/lost-contact`,
		channel: 'page',
		decision,
		purpose: 'lost contact',
		at: now
	});
	if (!decision.allowed) return null;

	const rows = await db
		.select({
			id: citizens.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			caseManager: users.name,
			...followUpColumns()
		})
		.from(citizens)
		.leftJoin(teamSettings, eq(teamSettings.teamId, citizens.teamId))
		.leftJoin(assignments, and(eq(assignments.citizenId, citizens.id), isNull(assignments.endedAt)))
		.leftJoin(users, eq(users.id, assignments.caseManagerId))
		.where(and(eq(citizens.teamId, teamId), eq(citizens.status, 'active')));
	const [settings] = await db
		.select({ escalateDays: teamSettings.contactEscalateDays })
		.from(teamSettings)
		.where(eq(teamSettings.teamId, teamId));

	const escalated = rows
		.map((r) => ({ ...r, followUp: followUpOf(r, now) }))
		.filter((r) => r.followUp.level === 'escalate');
	const { decisions: identity } = await authorizeAndAuditMany(
		db,
		actor,
		'citizen.identity.read',
		escalated.map((r) => r.id),
		{
			resource: `team/${teamId}/lost-contact`,
			channel: 'page',
			purpose: 'lost contact',
			at: now,
			record: 'allowed'
		}
	);
	const shown = escalated.filter((r) => identity.get(r.id)?.allowed);
	const agreements = await outreachAgreements(
		db,
		actor,
		shown.map((r) => r.id)
	);
	return {
		escalateDays: settings?.escalateDays ?? DEFAULT_THRESHOLDS.escalateDays,
		citizens: shown
			.map((r) => ({
				id: r.id,
				name: `${r.firstName} ${r.lastName}`,
				followUp: r.followUp,
				caseManager: r.caseManager,
				outreach: agreements.get(r.id) ?? null
			}))
			.sort(byLongestSilence)
	};
}
