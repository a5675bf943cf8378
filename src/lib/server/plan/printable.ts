import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { SectionData } from '../../plan/read';
import type { Database } from '../db/client';
import { consents, organisations } from '../db/schema';
import { authorize, type Actor } from '../policy';
import { readPlanPage } from './access';
import { readStoredSection } from './stored';

export interface PrintableConsent {
	/** The organisation's name, or the person's name with their relation, e.g. "Lene (søster)". */
	party: string;
	sections: string[];
	purpose: string;
	validUntil: Date | null;
}

export interface PrintablePlan {
	citizenFirstName: string;
	sections: SectionData[];
	/** Names of the plan's own sections (custom:<id>). */
	titles: Record<string, string>;
	hiddenCount: number;
	/**
	 * The citizen's current consents, shown to them in plain words; null for partners. Partner
	 * organisations may open the plan; people from the network only hear what the citizen allows.
	 */
	consents: { partners: PrintableConsent[]; people: PrintableConsent[] } | null;
}

/**
 * The plan as the citizen takes it home: read from the stored documents (never from a live
 * session), only the sections this actor may read, with the citizen's consents listed.
 */
export async function readPrintablePlan(
	db: Database,
	actor: Actor,
	citizenId: string,
	now: Date = new Date()
): Promise<PrintablePlan | null> {
	const page = await readPlanPage(db, actor, citizenId, now);
	if (!page) return null;
	const sections = await Promise.all(
		page.sections.map(({ key }) => readStoredSection(db, citizenId, key))
	);
	const mayReadConsents = (await authorize(db, actor, 'consent.read', { citizenId }, now)).allowed;
	const current = mayReadConsents
		? await db
				.select({
					organisation: organisations.name,
					personName: consents.personName,
					personRelation: consents.personRelation,
					sections: consents.sections,
					purpose: consents.purpose,
					validUntil: consents.validUntil
				})
				.from(consents)
				.leftJoin(organisations, eq(organisations.id, consents.organisationId))
				.where(
					and(
						eq(consents.citizenId, citizenId),
						isNull(consents.revokedAt),
						or(isNull(consents.validUntil), gt(consents.validUntil, now))
					)
				)
				.orderBy(asc(organisations.name), asc(consents.personName))
		: null;
	const printable = (row: NonNullable<typeof current>[number]): PrintableConsent => ({
		party:
			row.organisation ??
			(row.personRelation ? `${row.personName} (${row.personRelation})` : (row.personName ?? '')),
		sections: row.sections,
		purpose: row.purpose,
		validUntil: row.validUntil
	});
	return {
		citizenFirstName: page.citizen.firstName,
		sections,
		titles: Object.fromEntries(
			page.sections.filter((s) => s.title).map((s) => [s.key, s.title as string])
		),
		hiddenCount: page.hiddenCount,
		consents: current && {
			partners: current.filter((r) => r.organisation !== null).map(printable),
			people: current.filter((r) => r.organisation === null).map(printable)
		}
	};
}
