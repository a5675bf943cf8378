import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { absences, coverGrants, users } from '../db/schema';
import { storeProposals } from './proposals';
import { overlapping, sameInstant, type TimeWindow } from './window';

type GrantRow = typeof coverGrants.$inferSelect;

/**
 * Keeps an absence's grants inside its window after the absence moved: a grant that ended with
 * the old end ends with the new one (extension), anything outside the new window is cut, and a
 * grant left with nothing is revoked. Returns the citizens whose access changed.
 */
export async function fitGrantsToAbsence(
	db: Database,
	absenceId: string,
	before: TimeWindow,
	after: TimeWindow
): Promise<string[]> {
	const grants = await db
		.select()
		.from(coverGrants)
		.where(and(eq(coverGrants.absenceId, absenceId), isNull(coverGrants.revokedAt)));
	const touched: string[] = [];
	for (const grant of grants) {
		let startsAt = sameInstant(grant.startsAt, before.startsAt) ? after.startsAt : grant.startsAt;
		let endsAt = sameInstant(grant.endsAt, before.endsAt) ? after.endsAt : grant.endsAt;
		if (startsAt < after.startsAt) startsAt = after.startsAt;
		if (after.endsAt && (endsAt === null || endsAt > after.endsAt)) endsAt = after.endsAt;
		if (sameInstant(startsAt, grant.startsAt) && sameInstant(endsAt, grant.endsAt)) continue;
		touched.push(grant.citizenId);
		if (endsAt !== null && endsAt <= startsAt) {
			await db
				.update(coverGrants)
				.set({ revokedAt: new Date(), revokedReason: 'absence_shortened' })
				.where(eq(coverGrants.id, grant.id));
		} else {
			await db.update(coverGrants).set({ startsAt, endsAt }).where(eq(coverGrants.id, grant.id));
		}
	}
	return touched;
}

/**
 * A cover colleague who is away cannot cover. Every open grant of theirs that overlaps one of
 * their absences is handed back: the part before they leave stays theirs, the rest is proposed
 * afresh to someone else and flagged as a re-proposal, so no citizen drops out of sight.
 * Returns the citizens whose cover changed.
 */
export async function reproposeCoversOf(
	db: Database,
	coverUserId: string,
	proposedBy: string
): Promise<string[]> {
	const away = await db
		.select({ startsAt: absences.startsAt, endsAt: absences.endsAt })
		.from(absences)
		.where(and(eq(absences.userId, coverUserId), isNull(absences.cancelledAt)));
	if (away.length === 0) return [];
	const touched: string[] = [];
	for (const absence of away) {
		const grants = await db
			.select()
			.from(coverGrants)
			.where(
				and(
					eq(coverGrants.coverUserId, coverUserId),
					isNull(coverGrants.revokedAt),
					inArray(coverGrants.status, ['proposed', 'confirmed']),
					overlapping(coverGrants.startsAt, coverGrants.endsAt, absence)
				)
			);
		for (const grant of grants) {
			touched.push(grant.citizenId);
			await handBack(db, grant, absence, proposedBy);
		}
	}
	return touched;
}

async function handBack(db: Database, grant: GrantRow, away: TimeWindow, proposedBy: string) {
	const keepsFirstPart = grant.startsAt < away.startsAt;
	const remaining: TimeWindow = {
		startsAt: keepsFirstPart ? away.startsAt : grant.startsAt,
		endsAt: grant.endsAt
	};
	if (keepsFirstPart) {
		await db.update(coverGrants).set({ endsAt: away.startsAt }).where(eq(coverGrants.id, grant.id));
	} else {
		await db
			.update(coverGrants)
			.set({ revokedAt: new Date(), revokedReason: 'cover_absent' })
			.where(eq(coverGrants.id, grant.id));
	}
	const [absence] = await db
		.select({ userId: absences.userId, teamId: users.organisationId })
		.from(absences)
		.innerJoin(users, eq(users.id, absences.userId))
		.where(eq(absences.id, grant.absenceId));
	if (!absence?.teamId) return;
	await storeProposals(db, {
		absenceId: grant.absenceId,
		absentUserId: absence.userId,
		teamId: absence.teamId,
		window: remaining,
		citizenIds: [grant.citizenId],
		proposedBy,
		replaces: new Map([[grant.citizenId, grant.id]])
	});
}
