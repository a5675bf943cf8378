import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { authorizeAndAuditMany } from '../audit/authorize';
import type { Database } from '../db/client';
import { citizens, consents } from '../db/schema';
import type { Actor } from '../policy';

export interface SharedCitizen {
	id: string;
	name: string;
	sections: string[];
	validUntil: Date | null;
}

/**
 * A partner's start page: the citizens whose consent names the partner's organisation today, with
 * the plan sections it covers. Candidates come from the consent table; the policy has the last word.
 */
export async function listCitizensSharedWithMe(
	db: Database,
	actor: Actor,
	now: Date = new Date()
): Promise<SharedCitizen[]> {
	if (actor.role !== 'partner' || !actor.organisationId) return [];
	const rows = await db
		.select({
			id: citizens.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			sections: consents.sections,
			validUntil: consents.validUntil
		})
		.from(consents)
		.innerJoin(citizens, eq(citizens.id, consents.citizenId))
		.where(
			and(
				eq(consents.organisationId, actor.organisationId),
				isNull(consents.revokedAt),
				or(isNull(consents.validUntil), gt(consents.validUntil, now))
			)
		)
		.orderBy(citizens.lastName, citizens.firstName);

	const byCitizen = new Map<string, SharedCitizen>();
	for (const row of rows) {
		const entry = byCitizen.get(row.id) ?? {
			id: row.id,
			name: `${row.firstName} ${row.lastName}`,
			sections: [],
			validUntil: row.validUntil
		};
		entry.sections = [...new Set([...entry.sections, ...row.sections])];
		byCitizen.set(row.id, entry);
	}
	const ids = [...byCitizen.keys()];
	const { allowed } = await authorizeAndAuditMany(db, actor, 'citizen.identity.read', ids, {
		resource: 'shared-with-me',
		channel: 'page',
		purpose: 'partner overview',
		at: now,
		record: 'allowed'
	});
	return allowed.map((id) => byCitizen.get(id)!);
}
