import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAuditMany } from '../audit';
import type { Database } from '../db/client';
import { absences, coverGrants, users } from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { announceCoverChange } from './announce';
import { CoverError } from './errors';
import { overlapping, type TimeWindow } from './window';

async function grantWithTeam(db: Database, grantId: string) {
	const [row] = await db
		.select({
			grant: coverGrants,
			absentUserId: absences.userId,
			teamId: users.organisationId,
			cancelledAt: absences.cancelledAt
		})
		.from(coverGrants)
		.innerJoin(absences, eq(absences.id, coverGrants.absenceId))
		.innerJoin(users, eq(users.id, absences.userId))
		.where(eq(coverGrants.id, grantId));
	if (!row || row.cancelledAt || row.grant.revokedAt) throw new CoverError('not_found');
	return row;
}

/**
 * Who may cover: an active case manager of the same team, not the absent person, and not away
 * themselves during the window. A partner or a colleague in another team is refused outright.
 */
export async function requireEligibleCover(
	db: Database,
	colleagueId: string,
	context: { teamId: string; absentUserId: string; window: TimeWindow | null }
): Promise<void> {
	const [colleague] = await db
		.select({ role: users.role, teamId: users.organisationId, active: users.active })
		.from(users)
		.where(eq(users.id, colleagueId));
	if (!colleague || !colleague.active) throw new CoverError('not_found');
	if (colleague.role !== 'case_manager') throw new CoverError('not_case_manager');
	if (colleague.teamId !== context.teamId) throw new CoverError('other_team');
	if (colleagueId === context.absentUserId) throw new CoverError('own_citizen');
	if (!context.window) return;
	const [away] = await db
		.select({ id: absences.id })
		.from(absences)
		.where(
			and(
				eq(absences.userId, colleagueId),
				isNull(absences.cancelledAt),
				overlapping(absences.startsAt, absences.endsAt, context.window)
			)
		)
		.limit(1);
	if (away) throw new CoverError('cover_absent');
}

/**
 * The team leader confirms a proposal, optionally with another colleague. A confirmed cover
 * that is moved to someone else is revoked and replaced, so the history shows both.
 */
export async function confirmCover(
	db: Database,
	actor: Actor,
	grantId: string,
	colleagueId?: string,
	now: Date = new Date()
): Promise<void> {
	let teamId: string | null = null;
	let citizenId = '';
	await db.transaction(async (tx) => {
		const row = await grantWithTeam(tx, grantId);
		teamId = row.teamId;
		citizenId = row.grant.citizenId;
		if (!row.teamId || !authorizeTeam(actor, 'team.cover.manage', row.teamId).allowed) {
			throw new CoverError('forbidden');
		}
		const chosen = colleagueId ?? row.grant.coverUserId;
		const window = { startsAt: row.grant.startsAt, endsAt: row.grant.endsAt };
		if (row.grant.endsAt && row.grant.endsAt <= now) throw new CoverError('already_ended');
		await requireEligibleCover(tx, chosen, {
			teamId: row.teamId,
			absentUserId: row.absentUserId,
			window
		});
		if (row.grant.status === 'proposed') {
			await tx
				.update(coverGrants)
				.set({
					status: 'confirmed',
					coverUserId: chosen,
					confirmedBy: actor.userId,
					confirmedAt: now
				})
				.where(eq(coverGrants.id, grantId));
		} else if (chosen !== row.grant.coverUserId) {
			await tx
				.update(coverGrants)
				.set({ revokedAt: now, revokedReason: 'reassigned' })
				.where(eq(coverGrants.id, grantId));
			await tx.insert(coverGrants).values({
				absenceId: row.grant.absenceId,
				citizenId: row.grant.citizenId,
				coverUserId: chosen,
				status: 'confirmed',
				startsAt: row.grant.startsAt < now ? now : row.grant.startsAt,
				endsAt: row.grant.endsAt,
				proposedBy: actor.userId,
				proposalReason: 'chosen_by_team_leader',
				confirmedBy: actor.userId,
				confirmedAt: now,
				replacesGrantId: grantId
			});
		}
		await recordAuditMany(tx, [
			{
				actor,
				citizenId: row.grant.citizenId,
				action: 'cover.confirm',
				resource: `cover/${grantId}`,
				channel: 'action',
				decision: { allowed: true, grant: { kind: 'team_leader', id: null } },
				purpose: 'absence and cover',
				details: { coverUserId: chosen },
				at: now
			}
		]);
	});
	await announceCoverChange(db, { teamId, citizenIds: [citizenId], accessEnded: true });
}

/** "Bekræft alle": every open proposal of one absence, each as if confirmed on its own. */
export async function confirmAllProposals(
	db: Database,
	actor: Actor,
	absenceId: string,
	now: Date = new Date()
): Promise<number> {
	const open = await db
		.select({ id: coverGrants.id })
		.from(coverGrants)
		.where(
			and(
				eq(coverGrants.absenceId, absenceId),
				eq(coverGrants.status, 'proposed'),
				isNull(coverGrants.revokedAt)
			)
		);
	for (const grant of open) await confirmCover(db, actor, grant.id, undefined, now);
	return open.length;
}

/** Grants shown to the team leader for a set of absences, newest decision last. */
export async function grantsOfAbsences(db: Database, absenceIds: readonly string[]) {
	if (absenceIds.length === 0) return [];
	return db
		.select({
			id: coverGrants.id,
			absenceId: coverGrants.absenceId,
			citizenId: coverGrants.citizenId,
			coverUserId: coverGrants.coverUserId,
			coverName: users.name,
			status: coverGrants.status,
			startsAt: coverGrants.startsAt,
			endsAt: coverGrants.endsAt,
			reason: coverGrants.proposalReason,
			replacesGrantId: coverGrants.replacesGrantId
		})
		.from(coverGrants)
		.innerJoin(users, eq(users.id, coverGrants.coverUserId))
		.where(and(inArray(coverGrants.absenceId, [...absenceIds]), isNull(coverGrants.revokedAt)))
		.orderBy(coverGrants.startsAt);
}
