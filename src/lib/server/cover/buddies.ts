import { and, eq, isNull } from 'drizzle-orm';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import { assignments, citizens, coverBuddies } from '../db/schema';
import type { Actor } from '../policy';
import { CoverError } from './errors';
import { requireEligibleCover } from './grants';

/**
 * The case manager names the colleague the citizen already knows best as standing cover
 * ("makker"); proposals offer them first. Null removes the nomination.
 */
export async function nominateBuddy(
	db: Database,
	actor: Actor,
	citizenId: string,
	buddyId: string | null
): Promise<void> {
	const decision = await authorizeAndAudit(
		db,
		actor,
		'cover.nominate',
		{ citizenId, name: `citizen/${citizenId}/cover-buddy` },
		{ channel: 'action', purpose: 'absence and cover' }
	);
	if (!decision.allowed) throw new CoverError('forbidden');
	if (buddyId === null) {
		await db.delete(coverBuddies).where(eq(coverBuddies.citizenId, citizenId));
		return;
	}
	const [citizen] = await db
		.select({ teamId: citizens.teamId, primaryId: assignments.caseManagerId })
		.from(citizens)
		.leftJoin(assignments, and(eq(assignments.citizenId, citizens.id), isNull(assignments.endedAt)))
		.where(eq(citizens.id, citizenId));
	if (!citizen) throw new CoverError('not_found');
	await requireEligibleCover(db, buddyId, {
		teamId: citizen.teamId,
		absentUserId: citizen.primaryId ?? '',
		// A standing nomination: who they are matters, not whether they are away today.
		window: null
	});
	await db
		.insert(coverBuddies)
		.values({ citizenId, buddyId, nominatedBy: actor.userId })
		.onConflictDoUpdate({
			target: coverBuddies.citizenId,
			set: { buddyId, nominatedBy: actor.userId, nominatedAt: new Date() }
		});
}
