import type { SectionKey } from '../../plan/sections';
import type { Actor } from './actor';

/** Everything that can be done to a citizen's data. */
export const CITIZEN_ACTIONS = [
	'citizen.identity.read',
	'citizen.facts.read',
	'citizen.facts.write',
	'citizen.assign',
	'plan.read',
	'plan.write',
	'journal.read',
	'journal.write',
	'consent.read',
	'consent.manage',
	'audit.read',
	'audit.report',
	'cover.nominate'
] as const;
export type CitizenAction = (typeof CITIZEN_ACTIONS)[number];

export type GrantKind = 'primary' | 'cover' | 'team_leader' | 'consent' | 'admin' | 'self';

/** What the database knows about one actor and one citizen, loaded in one query (facts.ts). */
export interface AccessFacts {
	citizenId: string;
	teamId: string;
	primaryCaseManagerId: string | null;
	/** Confirmed, unrevoked cover grants of this actor for this citizen. */
	covers: { id: string; startsAt: Date; endsAt: Date | null }[];
	/** Unrevoked consents naming the actor's organisation. */
	consents: { id: string; sections: string[]; validUntil: Date | null }[];
}

export interface Grant {
	kind: GrantKind;
	id: string | null;
	/** When this grant ends by itself (a cover window, a consent's last day); null if it does not. */
	until?: Date | null;
}

interface Rule {
	grant: GrantKind;
	/** In the words of the method: who this rule is for. */
	reads: string;
	actions: readonly CitizenAction[];
	/** The grant this actor holds under the rule at the given time, if any. */
	match(actor: Actor, facts: AccessFacts, at: Date, section?: SectionKey): Grant | null;
}

const CASE_WORK: readonly CitizenAction[] = [
	'citizen.identity.read',
	'citizen.facts.read',
	'citizen.facts.write',
	'plan.read',
	'plan.write',
	'journal.read',
	'journal.write',
	'consent.read',
	'consent.manage',
	'audit.report'
];

/**
 * The access rules as one table. Nothing else in Samplan decides who may see or change a
 * citizen's data: every page, action, endpoint, socket.io room and Yjs connection asks `decide`.
 */
export const RULES: readonly Rule[] = [
	{
		grant: 'primary',
		reads:
			'The primary case manager has full access to their citizens, and names the standing cover colleague (buddy).',
		actions: [...CASE_WORK, 'cover.nominate'],
		match: (actor, facts) =>
			actor.role === 'case_manager' && facts.primaryCaseManagerId === actor.userId
				? { kind: 'primary', id: null }
				: null
	},
	{
		grant: 'cover',
		reads: 'A cover colleague has the same access, only inside the cover window, to the minute.',
		actions: CASE_WORK,
		match: (actor, facts, at) => {
			if (actor.role !== 'case_manager') return null;
			const cover = facts.covers.find(
				(c) => c.startsAt <= at && (c.endsAt === null || at < c.endsAt)
			);
			return cover ? { kind: 'cover', id: cover.id, until: cover.endsAt } : null;
		}
	},
	{
		grant: 'team_leader',
		reads:
			"A team leader sees their team's citizens: caseload facts always, plan contents read-only.",
		actions: [
			'citizen.identity.read',
			'citizen.facts.read',
			'citizen.facts.write',
			'citizen.assign',
			'plan.read',
			'journal.read',
			'consent.read',
			'audit.read',
			'audit.report',
			'cover.nominate'
		],
		match: (actor, facts) =>
			actor.role === 'team_leader' && actor.organisationId === facts.teamId
				? { kind: 'team_leader', id: null }
				: null
	},
	{
		grant: 'consent',
		reads:
			"A partner sees only the plan sections the citizen's consent gives their organisation, until it expires or is revoked.",
		actions: ['citizen.identity.read', 'plan.read', 'plan.write'],
		match: (actor, facts, at, section) => {
			if (actor.role !== 'partner') return null;
			const consent = facts.consents.find(
				(c) =>
					(c.validUntil === null || at < c.validUntil) &&
					(section === undefined || c.sections.includes(section))
			);
			return consent ? { kind: 'consent', id: consent.id, until: consent.validUntil } : null;
		}
	}
];

export type Decision =
	{ allowed: true; grant: Grant } | { allowed: false; reason: string; grant: null };

const PER_SECTION: readonly CitizenAction[] = ['plan.read', 'plan.write'];

/** Pure: the same facts, action and time always give the same answer. */
export function decide(
	actor: Actor,
	action: CitizenAction,
	facts: AccessFacts | null,
	at: Date,
	section?: SectionKey
): Decision {
	if (!facts) return { allowed: false, reason: 'unknown citizen', grant: null };
	if (PER_SECTION.includes(action) && section === undefined && actor.role === 'partner') {
		return { allowed: false, reason: 'partners are granted plan access per section', grant: null };
	}
	for (const rule of RULES) {
		if (!rule.actions.includes(action)) continue;
		const grant = rule.match(actor, facts, at, PER_SECTION.includes(action) ? section : undefined);
		if (grant) return { allowed: true, grant };
	}
	return { allowed: false, reason: `no rule gives ${actor.role} ${action}`, grant: null };
}

export const TEAM_ACTIONS = [
	'team.caseload.read',
	'team.caseload.manage',
	'team.cover.manage'
] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

/** Team-level data (caseloads, absences, cover): the team's own leader only. */
export function decideTeam(actor: Actor, _action: TeamAction, teamId: string): Decision {
	return actor.role === 'team_leader' && actor.organisationId === teamId
		? { allowed: true, grant: { kind: 'team_leader', id: null } }
		: { allowed: false, reason: `${actor.role} is not this team's leader`, grant: null };
}

/** A colleague's absence: whose it is, and which team they are in. */
export interface AbsenceSubject {
	userId: string;
	teamId: string | null;
}

/**
 * Absences are entered by the person themselves or by their team leader; nobody else sees them
 * (an absence can reveal sickness, which is the colleague's own sensitive data).
 */
export function decideAbsence(actor: Actor, subject: AbsenceSubject): Decision {
	if (actor.role === 'case_manager' && actor.userId === subject.userId) {
		return { allowed: true, grant: { kind: 'self', id: null } };
	}
	if (subject.teamId !== null) return decideTeam(actor, 'team.cover.manage', subject.teamId);
	return { allowed: false, reason: 'the colleague belongs to no team', grant: null };
}

export const ADMIN_ACTIONS = ['users.manage', 'organisations.manage'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** Administration: the administrator role only, and never any citizen data (see RULES). */
export function decideAdmin(actor: Actor, _action: AdminAction): Decision {
	return actor.role === 'admin'
		? { allowed: true, grant: { kind: 'admin', id: null } }
		: { allowed: false, reason: `${actor.role} is not an administrator`, grant: null };
}
