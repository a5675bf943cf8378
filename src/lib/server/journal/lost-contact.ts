import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import type { Actor } from '../policy';
import { readStoredSection } from '../plan/stored';
import type { LetInAnswer } from '../../plan/schema';

export interface OutreachAgreement {
	mayLetThemselvesIn: LetInAnswer;
	whomToCall: { name: string; relation: string; phone: string }[];
}

/**
 * When contact is lost, the agreement made with the citizen beforehand is what the case manager
 * needs: may they let themselves in, whom may they call. Read from the plan's outreach section,
 * through the policy, for the citizens whose alert is showing.
 */
export async function outreachAgreements(
	db: Database,
	actor: Actor,
	citizenIds: string[]
): Promise<Map<string, OutreachAgreement>> {
	const agreements = new Map<string, OutreachAgreement>();
	for (const citizenId of citizenIds) {
		const decision = await authorizeAndAudit(
			db,
			actor,
			'plan.read',
			{ citizenId, section: 'outreach', name: `plan/${citizenId}/outreach` },
			{ channel: 'page', purpose: 'lost contact' }
		);
		if (!decision.allowed) continue;
		const section = await readStoredSection(db, citizenId, 'outreach');
		if (section.kind !== 'outreach') continue;
		agreements.set(citizenId, {
			mayLetThemselvesIn: section.mayLetThemselvesIn,
			whomToCall: section.whomToCall.map(({ name, relation, phone }) => ({ name, relation, phone }))
		});
	}
	return agreements;
}
