import { desc, eq, isNull, and } from 'drizzle-orm';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import { assignments, citizens, housingHistory, users } from '../db/schema';
import type { Actor, Decision } from '../policy';

export type CitizenOverview = Awaited<ReturnType<typeof loadOverview>>;

/**
 * A citizen's caseload facts (name, status, housing history, case manager), read through the
 * policy and audit-logged. Null when the policy says no: the caller answers 404 or 403.
 */
export async function readCitizenOverview(
	db: Database,
	actor: Actor,
	citizenId: string,
	now: Date = new Date()
): Promise<{ decision: Decision; overview: CitizenOverview | null }> {
	const decision = await authorizeAndAudit(
		db,
		actor,
		'citizen.facts.read',
		{ citizenId, name: `citizen/${citizenId}` },
		{ channel: 'page', purpose: 'citizen overview', at: now }
	);
	if (!decision.allowed) return { decision, overview: null };
	return { decision, overview: await loadOverview(db, citizenId) };
}

async function loadOverview(db: Database, citizenId: string) {
	const [citizen] = await db.select().from(citizens).where(eq(citizens.id, citizenId));
	const housing = await db
		.select()
		.from(housingHistory)
		.where(eq(housingHistory.citizenId, citizenId))
		.orderBy(desc(housingHistory.fromDate));
	const [caseManager] = await db
		.select({ id: users.id, name: users.name })
		.from(assignments)
		.innerJoin(users, eq(users.id, assignments.caseManagerId))
		.where(and(eq(assignments.citizenId, citizenId), isNull(assignments.endedAt)));
	return {
		id: citizen!.id,
		name: `${citizen!.firstName} ${citizen!.lastName}`,
		status: citizen!.status,
		acuteReason: citizen!.acuteReason,
		housing: housing.map((h) => ({
			situation: h.situation,
			place: h.place,
			fromDate: h.fromDate,
			toDate: h.toDate
		})),
		caseManager: caseManager ?? null
	};
}
