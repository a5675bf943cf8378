import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { copenhagenDate } from '../../dates';
import type { ActionStatus } from '../../plan/schema';
import { isSectionKey, planDocumentName, type SectionKey } from '../../plan/sections';
import { recordAuditMany, type AuditEntry } from '../audit';
import type { Database } from '../db/client';
import { citizens, planDocuments, planItems } from '../db/schema';
import type { Actor } from '../policy';
import { loadAccessFacts } from '../policy/facts';
import { decide } from '../policy/rules';

export interface PartnerOpenAction {
	citizenId: string;
	/** The action's id in the plan; unique together with the citizen. */
	itemId: string;
	citizenName: string;
	section: SectionKey;
	/** The name of a plan's own section; null for the method's sections. */
	sectionTitle: string | null;
	what: string;
	/** YYYY-MM-DD, or null when no deadline is set. */
	due: string | null;
	overdue: boolean;
	status: ActionStatus;
}

/**
 * A partner's start page: the open actions the plans give the partner's organisation (or the
 * partner in person), across citizens, from the SQL projection. Each action is shown only where
 * the policy lets the partner read that citizen's section today (consent is given per section),
 * and each section shown is an audited read. Overdue first, then by deadline, undated last.
 */
export async function listPartnerOpenActions(
	db: Database,
	actor: Actor,
	now: Date = new Date()
): Promise<PartnerOpenAction[]> {
	if (actor.role !== 'partner') return [];
	const rows = await db
		.select({
			citizenId: planItems.citizenId,
			itemId: planItems.itemId,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			section: planItems.section,
			sectionTitle: planDocuments.title,
			what: planItems.title,
			due: planItems.dueOn,
			status: planItems.status
		})
		.from(planItems)
		.innerJoin(citizens, eq(citizens.id, planItems.citizenId))
		.leftJoin(
			planDocuments,
			and(
				eq(planDocuments.citizenId, planItems.citizenId),
				eq(planDocuments.section, planItems.section)
			)
		)
		.where(
			and(
				eq(planItems.kind, 'action'),
				inArray(planItems.status, ['open', 'in_progress']),
				or(
					eq(planItems.ownerUserId, actor.userId),
					actor.organisationId ? eq(planItems.ownerOrganisationId, actor.organisationId) : undefined
				)
			)
		)
		.orderBy(sql`${planItems.dueOn} asc nulls last`, citizens.lastName, citizens.firstName);

	// The candidates come from the owner columns; the policy decides, per citizen and section.
	const facts = await loadAccessFacts(
		db,
		actor,
		rows.map((row) => row.citizenId)
	);
	const today = copenhagenDate(now);
	const audited = new Map<string, AuditEntry>();
	const shown: PartnerOpenAction[] = [];
	for (const row of rows) {
		if (!isSectionKey(row.section)) continue;
		const decision = decide(actor, 'plan.read', facts.get(row.citizenId) ?? null, now, row.section);
		if (!decision.allowed) continue;
		const resource = planDocumentName(row.citizenId, row.section);
		if (!audited.has(resource)) {
			audited.set(resource, {
				actor,
				citizenId: row.citizenId,
				action: 'plan.read',
				resource,
				channel: 'page',
				decision,
				purpose: 'partner open actions',
				at: now
			});
		}
		shown.push({
			citizenId: row.citizenId,
			itemId: row.itemId,
			citizenName: `${row.firstName} ${row.lastName}`,
			section: row.section,
			sectionTitle: row.sectionTitle,
			what: row.what,
			due: row.due,
			overdue: row.due !== null && row.due < today,
			status: row.status === 'in_progress' ? 'in_progress' : 'open'
		});
	}
	await recordAuditMany(db, [...audited.values()]);
	return shown;
}
