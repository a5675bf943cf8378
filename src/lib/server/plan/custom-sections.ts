import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, asc, eq, like } from 'drizzle-orm';
import { isSectionKey, planDocumentName, type CustomSection } from '../../plan/sections';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import { planDocuments } from '../db/schema';
import type { Actor } from '../policy';
import { typedText } from '../db/storable-text';

export class CustomSectionError extends Error {
	constructor(readonly code: 'forbidden' | 'input') {
		super(code);
	}
}

export const customSectionTitle = typedText().min(2).max(60);

/**
 * "A plan may add its own" life dimension: a new section with goals and actions like the eight.
 * Like the eight, a partner sees it only when the citizen's consent names it.
 */
export async function addCustomSection(
	db: Database,
	actor: Actor,
	citizenId: string,
	title: string
): Promise<CustomSection> {
	const parsed = customSectionTitle.safeParse(title);
	if (!parsed.success) throw new CustomSectionError('input');
	const decision = await authorizeAndAudit(
		db,
		actor,
		'plan.write',
		{ citizenId, name: `plan/${citizenId}/sections` },
		{ channel: 'action', purpose: 'plan' }
	);
	if (!decision.allowed) throw new CustomSectionError('forbidden');
	const id = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
	const section: CustomSection = `custom:${id}`;
	await db.insert(planDocuments).values({
		name: planDocumentName(citizenId, section),
		citizenId,
		section,
		title: parsed.data
	});
	return section;
}

/** The sections a citizen's plan has added to the method's, oldest first, with their names. */
export async function listOwnSections(
	db: Database,
	citizenId: string
): Promise<{ key: CustomSection; title: string }[]> {
	const rows = await db
		.select({ key: planDocuments.section, title: planDocuments.title })
		.from(planDocuments)
		.where(and(eq(planDocuments.citizenId, citizenId), like(planDocuments.section, 'custom:%')))
		.orderBy(asc(planDocuments.createdAt));
	// The `like` keeps fixed sections out; isSectionKey keeps out a key no plan could have.
	return rows.flatMap((row) =>
		isSectionKey(row.key) ? [{ key: row.key as CustomSection, title: row.title ?? '' }] : []
	);
}
