import type { Database } from '../db/client';
import type { SectionKey } from '../../plan/sections';
import type { Actor } from './actor';
import { loadAccessFacts } from './facts';
import {
	decide,
	decideAbsence,
	decideAdmin,
	decideTeam,
	type AbsenceSubject,
	type AdminAction,
	type CitizenAction,
	type Decision,
	type TeamAction
} from './rules';

export type { Actor } from './actor';
export type {
	AbsenceSubject,
	AdminAction,
	CitizenAction,
	Decision,
	Grant,
	GrantKind,
	TeamAction
} from './rules';

export interface CitizenResource {
	citizenId: string;
	section?: SectionKey;
}

/**
 * The one authorisation function: (actor, action, resource, time) → allow with the grant used,
 * or deny with a reason. Every channel calls this; the audit writer records what it answered.
 */
export async function authorize(
	db: Database,
	actor: Actor,
	action: CitizenAction,
	resource: CitizenResource,
	at: Date = new Date()
): Promise<Decision> {
	const facts = await loadAccessFacts(db, actor, [resource.citizenId]);
	return decide(actor, action, facts.get(resource.citizenId) ?? null, at, resource.section);
}

/** The same decision for many citizens at once (lists, dashboards), in one query. */
export async function authorizeMany(
	db: Database,
	actor: Actor,
	action: CitizenAction,
	citizenIds: readonly string[],
	at: Date = new Date()
): Promise<Map<string, Decision>> {
	const facts = await loadAccessFacts(db, actor, citizenIds);
	return new Map(citizenIds.map((id) => [id, decide(actor, action, facts.get(id) ?? null, at)]));
}

/**
 * One citizen, several sections and actions, one facts query: the plan page asks for every
 * section at once. Keyed `${action} ${section}`.
 */
export async function authorizeSections(
	db: Database,
	actor: Actor,
	citizenId: string,
	actions: readonly CitizenAction[],
	sections: readonly SectionKey[],
	at: Date = new Date()
): Promise<Map<string, Decision>> {
	const facts = (await loadAccessFacts(db, actor, [citizenId])).get(citizenId) ?? null;
	const decisions = new Map<string, Decision>();
	for (const action of actions) {
		for (const section of sections) {
			decisions.set(`${action} ${section}`, decide(actor, action, facts, at, section));
		}
	}
	return decisions;
}

export function authorizeTeam(actor: Actor, action: TeamAction, teamId: string): Decision {
	return decideTeam(actor, action, teamId);
}

export function authorizeAbsence(actor: Actor, subject: AbsenceSubject): Decision {
	return decideAbsence(actor, subject);
}

export function authorizeAdmin(actor: Actor, action: AdminAction): Decision {
	return decideAdmin(actor, action);
}
