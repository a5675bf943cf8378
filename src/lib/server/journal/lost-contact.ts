import { authorizeAndAuditMany } from '../audit/authorize';
import type { Database } from '../db/client';
import type { Actor } from '../policy';
import { readStoredSections } from '../plan/stored';
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
	if (citizenIds.length === 0) return agreements;
	// The outreach section names no partner: partners are granted per section and never reach here.
	const { allowed } = await authorizeAndAuditMany(db, actor, 'plan.read', citizenIds, {
		resource: (citizenId) => `plan/${citizenId}/outreach`,
		channel: 'page',
		purpose: 'lost contact'
	});
	const sections = await readStoredSections(db, allowed, 'outreach');
	for (const [citizenId, section] of sections) {
		if (section.kind !== 'outreach') continue;
		agreements.set(citizenId, {
			mayLetThemselvesIn: section.mayLetThemselvesIn,
			whomToCall: section.whomToCall.map(({ name, relation, phone }) => ({ name, relation, phone }))
		});
	}
	return agreements;
}
