import { and, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { absences, assignments, citizens, coverBuddies, users } from '../db/schema';
import { authorizeAbsence, type Actor } from '../policy';
import { listAbsences } from './absences';
import { CoverError } from './errors';

/**
 * The case manager's own page: their coming absences, the standing cover buddy per citizen,
 * and handovers from absences that ended in the last two weeks.
 */
export async function readMyAbsences(db: Database, actor: Actor, now: Date = new Date()) {
	const decision = authorizeAbsence(actor, { userId: actor.userId, teamId: actor.organisationId });
	await recordAudit(db, {
		actor,
		action: 'absence.read',
		resource: `user/${actor.userId}/absences`,
		channel: 'page',
		decision,
		purpose: 'absence and cover'
	});
	if (!decision.allowed) throw new CoverError('forbidden');
	const recentlyBack = await db
		.select({ id: absences.id, endsAt: absences.endsAt, kind: absences.kind })
		.from(absences)
		.where(
			and(
				eq(absences.userId, actor.userId),
				isNull(absences.cancelledAt),
				lte(absences.endsAt, now),
				gt(absences.endsAt, new Date(now.getTime() - 14 * 86_400_000))
			)
		);
	// Buddies name citizens: the primary case manager's own, which the policy gives them.
	const mine = await db
		.select({
			citizenId: citizens.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			buddyId: coverBuddies.buddyId
		})
		.from(assignments)
		.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
		.leftJoin(coverBuddies, eq(coverBuddies.citizenId, citizens.id))
		.where(
			and(
				eq(assignments.caseManagerId, actor.userId),
				isNull(assignments.endedAt),
				eq(citizens.status, 'active')
			)
		)
		.orderBy(citizens.lastName, citizens.firstName);
	const colleagues = actor.organisationId
		? await db
				.select({ id: users.id, name: users.name })
				.from(users)
				.where(
					and(
						eq(users.organisationId, actor.organisationId),
						eq(users.role, 'case_manager'),
						eq(users.active, true),
						ne(users.id, actor.userId)
					)
				)
				.orderBy(users.name)
		: [];
	return {
		absences: await listAbsences(db, { userId: actor.userId }, now),
		recentlyBack: recentlyBack.map((a) => ({ id: a.id, endsAt: a.endsAt!, kind: a.kind })),
		citizens: mine.map((c) => ({
			id: c.citizenId,
			name: `${c.firstName} ${c.lastName}`,
			buddyId: c.buddyId
		})),
		colleagues
	};
}
