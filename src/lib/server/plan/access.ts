import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { userColour, type PresenceUser } from '../../plan/presence';
import { FIXED_SECTIONS, planDocumentName, type SectionKey } from '../../plan/sections';
import type { PlanOwnerOptions, PlanSectionAccess } from '../../plan/view';
import { recordAudit, recordAuditMany } from '../audit';
import type { Database } from '../db/client';
import { citizens, organisations, users } from '../db/schema';
import { authorizeSections, type Actor } from '../policy';
import { listOwnSections } from './custom-sections';

export interface PlanPage {
	citizen: { id: string; firstName: string };
	/** The sections this actor may read, in the plan's order, and whether they may write them. */
	sections: PlanSectionAccess[];
	/** Sections that exist but are not shared with the actor: a count, never their names. */
	hiddenCount: number;
	owners: PlanOwnerOptions;
	me: PresenceUser;
}

/**
 * The plan page of one citizen as this actor may see it, decided by the policy section by section.
 * A partner gets only the sections the citizen's consent names; the rest are counted, not named.
 * Every listed section is an audited read. Null when the actor may read no section at all, which
 * the page answers exactly as it answers an unknown citizen.
 */
export async function readPlanPage(
	db: Database,
	actor: Actor,
	citizenId: string,
	now: Date = new Date()
): Promise<PlanPage | null> {
	const custom = await listOwnSections(db, citizenId);
	const titles = new Map<string, string>(custom.map((c) => [c.key, c.title]));
	const all: SectionKey[] = [...FIXED_SECTIONS, ...custom.map((c) => c.key)];
	const decisions = await authorizeSections(
		db,
		actor,
		citizenId,
		['plan.read', 'plan.write'],
		all,
		now
	);
	const decided = all.map((section) => ({
		section,
		read: decisions.get(`plan.read ${section}`)!,
		write: decisions.get(`plan.write ${section}`)!
	}));
	const readable = decided.filter((d) => d.read.allowed);
	const sections: PlanSectionAccess[] = readable.map((d) => ({
		key: d.section,
		canWrite: d.write.allowed,
		...(titles.has(d.section) ? { title: titles.get(d.section) } : {})
	}));

	if (sections.length === 0) {
		// One denial row, without the citizen id: it may not name a citizen at all.
		await recordAudit(db, {
			actor,
			citizenId: null,
			action: 'plan.read',
			resource: `plan/${citizenId}`,
			channel: 'page',
			decision: { allowed: false, reason: 'no readable plan section', grant: null },
			purpose: 'plan',
			at: now
		});
		return null;
	}

	await recordAuditMany(
		db,
		readable.map(({ section, read }) => ({
			actor,
			citizenId,
			action: 'plan.read',
			resource: planDocumentName(citizenId, section),
			channel: 'page' as const,
			decision: read,
			purpose: 'plan',
			at: now
		}))
	);

	const [citizen] = await db
		.select({
			firstName: citizens.firstName,
			teamId: citizens.teamId,
			municipalityId: citizens.municipalityId
		})
		.from(citizens)
		.where(eq(citizens.id, citizenId));
	if (!citizen) return null;

	const [staff, partners, ownOrganisation] = await Promise.all([
		db
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(
				and(
					eq(users.organisationId, citizen.teamId),
					eq(users.active, true),
					inArray(users.role, ['case_manager', 'team_leader'])
				)
			)
			.orderBy(asc(users.name)),
		db
			.select({ id: organisations.id, name: organisations.name })
			.from(organisations)
			.where(
				and(
					eq(organisations.municipalityId, citizen.municipalityId),
					ne(organisations.kind, 'icm_team'),
					isNull(organisations.archivedAt)
				)
			)
			.orderBy(asc(organisations.name)),
		actor.organisationId
			? db
					.select({ name: organisations.name })
					.from(organisations)
					.where(eq(organisations.id, actor.organisationId))
			: Promise.resolve([])
	]);

	return {
		citizen: { id: citizenId, firstName: citizen.firstName },
		sections,
		hiddenCount: all.length - sections.length,
		owners: { users: staff, organisations: partners, citizenFirstName: citizen.firstName },
		me: {
			id: actor.userId,
			name: actor.name,
			organisation: ownOrganisation[0]?.name ?? '',
			color: userColour(actor.userId)
		}
	};
}
