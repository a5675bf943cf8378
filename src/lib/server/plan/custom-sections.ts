import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { z } from 'zod';
import { planDocumentName, type CustomSection } from '../../plan/sections';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import { planDocuments } from '../db/schema';
import type { Actor } from '../policy';

export class CustomSectionError extends Error {
	constructor(readonly code: 'forbidden' | 'input') {
		super(code);
	}
}

export const customSectionTitle = z.string().trim().min(2).max(60);

/**
 * "A plan may add its own" life dimension: a new section with goals and actions like the eight.
 * It is case work (a partner's consent names fixed sections, so partners never see it).
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
