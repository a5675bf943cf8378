import { recordAudit } from '../audit';
import { authorizeSections, type Actor } from '../policy';
import type { Runtime } from '../runtime';
import { eq } from 'drizzle-orm';
import { userColour } from '../../plan/presence';
import { isSectionKey } from '../../plan/sections';
import { organisations, planDocuments } from '../db/schema';
import type { DocumentAccess } from './yjs/server';

const PLAN_DOCUMENT = /^plan\/([0-9a-f-]{36})\/([a-z0-9:_-]+)$/;

/**
 * Decides a Yjs connection through the policy: write where 'plan.write' is allowed, read-only
 * where only 'plan.read' is, refused otherwise. The connection itself is an audited read.
 */
export async function authorizePlanDocument(
	runtime: Runtime,
	actor: Actor,
	documentName: string
): Promise<DocumentAccess | 403 | 404> {
	const match = PLAN_DOCUMENT.exec(documentName);
	const section = match?.[2];
	if (!match || !section || !isSectionKey(section)) return 404;
	const citizenId = match[1]!;
	// A plan's own section exists only once someone added it; nobody conjures one by its name.
	if (section.startsWith('custom:')) {
		const [known] = await runtime.db
			.select({ name: planDocuments.name })
			.from(planDocuments)
			.where(eq(planDocuments.name, documentName));
		if (!known) return 404;
	}
	// Both decisions from one facts query: a connection's upgrade waits on every query.
	const decisions = await authorizeSections(
		runtime.db,
		actor,
		citizenId,
		['plan.write', 'plan.read'],
		[section]
	);
	const write = decisions.get(`plan.write ${section}`)!;
	const decision = write.allowed ? write : decisions.get(`plan.read ${section}`)!;
	await recordAudit(runtime.db, {
		actor,
		citizenId,
		action: write.allowed ? 'plan.write' : 'plan.read',
		resource: documentName,
		channel: 'yjs',
		decision,
		purpose: 'plan collaboration'
	});
	if (!decision.allowed) return 403;
	return {
		documentName,
		citizenId,
		section,
		canWrite: write.allowed,
		recheckAt: decision.grant.until ?? null,
		identity: {
			id: actor.userId,
			name: actor.name,
			organisation: await organisationName(runtime, actor.organisationId),
			color: userColour(actor.userId)
		}
	};
}

/**
 * Organisation names for presence labels, kept a minute: a plan page opens a connection per
 * section, and a renamed organisation showing its old name for a minute harms nobody.
 */
const organisationNames = new Map<string, { name: string; until: number }>();
const ORGANISATION_NAME_MS = 60_000;

async function organisationName(runtime: Runtime, organisationId: string | null): Promise<string> {
	if (!organisationId) return '';
	const cached = organisationNames.get(organisationId);
	if (cached && cached.until > Date.now()) return cached.name;
	const [row] = await runtime.db
		.select({ name: organisations.name })
		.from(organisations)
		.where(eq(organisations.id, organisationId));
	const name = row?.name ?? '';
	organisationNames.set(organisationId, { name, until: Date.now() + ORGANISATION_NAME_MS });
	return name;
}
