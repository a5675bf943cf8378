import type { AuditPurpose } from '../../audit/codes';
import type { Database } from '../db/client';
import {
	authorize,
	authorizeMany,
	type CitizenAction,
	type CitizenResource,
	type Actor,
	type Decision
} from '../policy';
import { recordAudit, recordAuditMany, type AuditChannel } from './index';

/**
 * Asks the policy and records the answer in one step, as every read and write of a citizen's
 * data must: allowed or denied, the audit row is written before the caller acts on it.
 */
export async function authorizeAndAudit(
	db: Database,
	actor: Actor,
	action: CitizenAction,
	resource: CitizenResource & { name: string },
	context: { channel: AuditChannel; purpose: AuditPurpose; at?: Date }
): Promise<Decision> {
	const decision = await authorize(db, actor, action, resource, context.at);
	await recordAudit(db, {
		actor,
		citizenId: resource.citizenId,
		action,
		resource: resource.name,
		channel: context.channel,
		decision,
		purpose: context.purpose,
		at: context.at
	});
	return decision;
}

/**
 * The same for many citizens at once (lists, dashboards): one policy query and one audit insert,
 * whatever their number. `record: 'allowed'` audits only the citizens the list will show (a list
 * built from the actor's own caseload has nothing to say about the rest).
 */
export async function authorizeAndAuditMany(
	db: Database,
	actor: Actor,
	action: CitizenAction,
	citizenIds: readonly string[],
	context: {
		resource: string | ((citizenId: string) => string);
		channel: AuditChannel;
		purpose: AuditPurpose;
		at?: Date;
		record?: 'all' | 'allowed';
	}
): Promise<{ decisions: Map<string, Decision>; allowed: string[] }> {
	const decisions = await authorizeMany(db, actor, action, citizenIds, context.at);
	const allowed = citizenIds.filter((id) => decisions.get(id)?.allowed);
	const recorded = context.record === 'allowed' ? allowed : citizenIds;
	await recordAuditMany(
		db,
		recorded.map((citizenId) => ({
			actor,
			citizenId,
			action,
			resource:
				typeof context.resource === 'string' ? context.resource : context.resource(citizenId),
			channel: context.channel,
			decision: decisions.get(citizenId),
			purpose: context.purpose,
			at: context.at
		}))
	);
	return { decisions, allowed };
}
