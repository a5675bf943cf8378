import type { Database } from '../db/client';
import {
	authorize,
	type CitizenAction,
	type CitizenResource,
	type Actor,
	type Decision
} from '../policy';
import { recordAudit, type AuditChannel } from './index';

/**
 * Asks the policy and records the answer in one step, as every read and write of a citizen's
 * data must: allowed or denied, the audit row is written before the caller acts on it.
 */
export async function authorizeAndAudit(
	db: Database,
	actor: Actor,
	action: CitizenAction,
	resource: CitizenResource & { name: string },
	context: { channel: AuditChannel; purpose: string; at?: Date }
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
