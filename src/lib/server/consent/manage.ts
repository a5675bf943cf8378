import { and, asc, desc, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { endOfCopenhagenDay } from '../../dates';
import { FIXED_SECTIONS, isSectionKey, type CustomSection } from '../../plan/sections';
import { authorizeAndAudit } from '../audit/authorize';
import { listOwnSections } from '../plan/custom-sections';
import type { Database } from '../db/client';
import { citizens, consents, organisations, users } from '../db/schema';
import type { Actor } from '../policy';
import { runtime } from '../runtime';
import { typedText } from '../db/storable-text';

export class ConsentError extends Error {
	constructor(readonly code: 'forbidden' | 'input' | 'party' | 'dates' | 'not_found') {
		super(code);
	}
}

/**
 * A consent names exactly one party: a partner organisation, or a person from the citizen's
 * network (name and relation). The database's `consents_party` check says the same.
 */
export const consentInput = z
	.object({
		organisationId: z.uuid().optional(),
		personName: typedText().min(2).max(100).optional(),
		personRelation: typedText().min(2).max(60).optional(),
		// A fixed section, or one of the plan's own (`custom:<id>`): recordConsent checks it exists.
		sections: z
			.array(z.string().refine(isSectionKey))
			.min(1)
			.max(40)
			.transform((keys) => [...new Set(keys)]),
		purpose: typedText().min(3).max(500),
		givenOn: z.iso.date(),
		validUntil: z.iso.date().optional()
	})
	.refine(namesOneParty, { message: 'party' })
	.refine((v) => !v.validUntil || v.validUntil > v.givenOn, { message: 'dates' });

export type ConsentInput = z.infer<typeof consentInput>;

function namesOneParty(v: {
	organisationId?: string;
	personName?: string;
	personRelation?: string;
}): boolean {
	const organisation = v.organisationId !== undefined;
	const person = v.personName !== undefined || v.personRelation !== undefined;
	const wholePerson = !!v.personName?.trim() && !!v.personRelation?.trim();
	return organisation ? !person : wholePerson;
}

async function requireAccess(
	db: Database,
	actor: Actor,
	citizenId: string,
	action: 'consent.read' | 'consent.manage',
	channel: 'page' | 'action'
) {
	const decision = await authorizeAndAudit(
		db,
		actor,
		action,
		{ citizenId, name: `citizen/${citizenId}/consents` },
		{ channel, purpose: 'consent administration' }
	);
	if (!decision.allowed) throw new ConsentError('forbidden');
}

/** The citizen's consents, newest first, for the case manager and the team leader. */
export async function listConsents(db: Database, actor: Actor, citizenId: string) {
	await requireAccess(db, actor, citizenId, 'consent.read', 'page');
	const [citizen] = await db
		.select({ firstName: citizens.firstName, lastName: citizens.lastName })
		.from(citizens)
		.where(eq(citizens.id, citizenId));
	const rows = await db
		.select({
			id: consents.id,
			organisation: organisations.name,
			organisationKind: organisations.kind,
			personName: consents.personName,
			personRelation: consents.personRelation,
			sections: consents.sections,
			purpose: consents.purpose,
			givenOn: consents.givenOn,
			validUntil: consents.validUntil,
			revokedAt: consents.revokedAt,
			recordedBy: users.name
		})
		.from(consents)
		.leftJoin(organisations, eq(organisations.id, consents.organisationId))
		.leftJoin(users, eq(users.id, consents.recordedBy))
		.where(eq(consents.citizenId, citizenId))
		.orderBy(desc(consents.givenOn), desc(consents.recordedAt));
	const partners = await db
		.select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
		.from(organisations)
		.where(
			and(
				eq(organisations.municipalityId, actor.municipalityId),
				ne(organisations.kind, 'icm_team'),
				isNull(organisations.archivedAt)
			)
		)
		.orderBy(asc(organisations.name));
	return {
		citizenName: `${citizen!.firstName} ${citizen!.lastName}`,
		consents: rows,
		partners,
		ownSections: await listOwnSections(db, citizenId)
	};
}

/** A consent may name only sections this citizen's plan has: an own section of another plan is refused. */
async function requireSectionsOfPlan(db: Database, citizenId: string, sections: string[]) {
	const named = sections.filter((s) => !(FIXED_SECTIONS as readonly string[]).includes(s));
	if (named.length === 0) return;
	const own = new Set((await listOwnSections(db, citizenId)).map((section) => section.key));
	if (!named.every((section) => own.has(section as CustomSection))) {
		throw new ConsentError('input');
	}
}

/**
 * Records a consent the citizen has given; it takes effect at once. A consent to a person from
 * the network grants no access to anyone (family members have no accounts): it records what the
 * case manager may share with them, and shows on the citizen's printable plan.
 */
export async function recordConsent(
	db: Database,
	actor: Actor,
	citizenId: string,
	input: ConsentInput
) {
	await requireAccess(db, actor, citizenId, 'consent.manage', 'action');
	if (!namesOneParty(input)) throw new ConsentError('party');
	await requireSectionsOfPlan(db, citizenId, input.sections);
	if (input.organisationId !== undefined) {
		const [partner] = await db
			.select({ id: organisations.id })
			.from(organisations)
			.where(
				and(
					eq(organisations.id, input.organisationId),
					eq(organisations.municipalityId, actor.municipalityId),
					ne(organisations.kind, 'icm_team')
				)
			);
		if (!partner) throw new ConsentError('input');
	}
	const [row] = await db
		.insert(consents)
		.values({
			citizenId,
			organisationId: input.organisationId ?? null,
			personName: input.personName?.trim() ?? null,
			personRelation: input.personRelation?.trim() ?? null,
			sections: input.sections,
			purpose: input.purpose,
			givenOn: input.givenOn,
			// A consent "until" a date holds through that whole day.
			validUntil: input.validUntil ? endOfCopenhagenDay(input.validUntil) : null,
			recordedBy: actor.userId
		})
		.returning({ id: consents.id });
	return row!.id;
}

/**
 * Revokes a consent at once, to an organisation or a person alike. Open plan connections of a
 * partner lose the sections it covered (realtime re-checks access for this citizen on every
 * instance).
 */
export async function revokeConsent(
	db: Database,
	actor: Actor,
	citizenId: string,
	consentId: string
) {
	await requireAccess(db, actor, citizenId, 'consent.manage', 'action');
	const revoked = await db
		.update(consents)
		.set({ revokedAt: new Date(), revokedBy: actor.userId })
		.where(
			and(eq(consents.id, consentId), eq(consents.citizenId, citizenId), isNull(consents.revokedAt))
		)
		.returning({ id: consents.id });
	if (revoked.length === 0) throw new ConsentError('not_found');
	await runtime().revalidateAccess?.(citizenId);
}
