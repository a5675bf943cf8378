import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { absences, teamSettings, users } from '../db/schema';
import { capacityOf } from './capacity';
import { CaseloadError } from './errors';

/** The receiver must be a working case manager of the citizen's own team, here today. */
export async function requireReceiver(db: Database, userId: string, teamId: string, now: Date) {
	const [receiver] = await db
		.select({ role: users.role, active: users.active, teamId: users.organisationId })
		.from(users)
		.where(eq(users.id, userId));
	if (!receiver) throw new CaseloadError('not_found');
	if (!receiver.active) throw new CaseloadError('inactive');
	if (receiver.role !== 'case_manager') throw new CaseloadError('not_case_manager');
	if (receiver.teamId !== teamId) throw new CaseloadError('other_team');
	const [away] = await db
		.select({ id: absences.id })
		.from(absences)
		.where(
			and(
				eq(absences.userId, userId),
				isNull(absences.cancelledAt),
				lte(absences.startsAt, now),
				or(isNull(absences.endsAt), gt(absences.endsAt, now))
			)
		)
		.limit(1);
	if (away) throw new CaseloadError('absent');
}

export async function wouldExceedCapacity(db: Database, userId: string, teamId: string) {
	const [row] = await db
		.select({
			fte: users.fte,
			perFte: teamSettings.capacityPerFte,
			load: sql<number>`(select count(*) from assignments a join citizens c on c.id = a.citizen_id
				where a.case_manager_id = ${userId} and a.ended_at is null and c.status = 'active')`.mapWith(Number)
		})
		.from(users)
		.leftJoin(teamSettings, eq(teamSettings.teamId, teamId))
		.where(eq(users.id, userId));
	return !!row && row.load + 1 > capacityOf(row.fte, row.perFte ?? undefined);
}
