import { and, eq, inArray, isNull } from 'drizzle-orm';
import { authorizeAndAuditMany } from '../audit/authorize';
import { copenhagenDays, startOfCopenhagenDay } from '../../dates';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { assignments, citizens, users } from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { listAbsences, type AbsenceRow } from './absences';
import { CoverError } from './errors';
import { grantsOfAbsences } from './grants';
import { overlaps } from './window';

export type CoverState = 'confirmed' | 'proposed' | 'uncovered';

export interface CitizenCover {
	citizenId: string;
	name: string;
	state: CoverState;
	grants: Awaited<ReturnType<typeof grantsOfAbsences>>;
	/** Re-proposed because the first colleague became absent: the team leader must look again. */
	reproposed: boolean;
}

export interface TeamCover {
	members: { id: string; name: string; role: string }[];
	absences: (AbsenceRow & { citizens: CitizenCover[] })[];
	calendar: { days: string[]; rows: { userId: string; name: string; days: (string | null)[] }[] };
	uncovered: number;
}

/**
 * The team leader's absence and cover page: who is away in the coming weeks, and for every
 * citizen of an absent case manager whether cover is confirmed, only proposed, or missing.
 */
export async function readTeamCover(
	db: Database,
	actor: Actor,
	teamId: string,
	now: Date = new Date(),
	weeks = 6
): Promise<TeamCover> {
	const decision = authorizeTeam(actor, 'team.cover.manage', teamId);
	await recordAudit(db, {
		actor,
		action: 'team.cover.read',
		resource: `team/${teamId}/cover`,
		channel: 'page',
		decision,
		purpose: 'absence and cover'
	});
	if (!decision.allowed) throw new CoverError('forbidden');
	const members = await db
		.select({ id: users.id, name: users.name, role: users.role })
		.from(users)
		.where(and(eq(users.organisationId, teamId), eq(users.active, true)))
		.orderBy(users.name);
	const absenceRows = await listAbsences(db, { teamId }, now);
	const grants = await grantsOfAbsences(
		db,
		absenceRows.map((a) => a.id)
	);
	const absentIds = absenceRows.map((a) => a.userId);
	const theirCitizens =
		absentIds.length === 0
			? []
			: await db
					.select({
						caseManagerId: assignments.caseManagerId,
						citizenId: citizens.id,
						firstName: citizens.firstName,
						lastName: citizens.lastName
					})
					.from(assignments)
					.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
					.where(
						and(
							inArray(assignments.caseManagerId, absentIds),
							isNull(assignments.endedAt),
							eq(citizens.status, 'active')
						)
					)
					.orderBy(citizens.lastName, citizens.firstName);
	const shown = [...new Set(theirCitizens.map((c) => c.citizenId))];
	const { decisions: identity } = await authorizeAndAuditMany(
		db,
		actor,
		'citizen.identity.read',
		shown,
		{ resource: `team/${teamId}/cover`, channel: 'page', purpose: 'absence and cover', at: now }
	);

	let uncovered = 0;
	const withCitizens = absenceRows.map((absence) => {
		// Cover is judged at the moment that matters next: now, or the start if it is ahead.
		const at = absence.startsAt > now ? absence.startsAt : now;
		const list: CitizenCover[] = theirCitizens
			.filter((c) => c.caseManagerId === absence.userId && identity.get(c.citizenId)?.allowed)
			.map((c) => {
				const own = grants.filter((g) => g.absenceId === absence.id && g.citizenId === c.citizenId);
				const live = own.filter((g) =>
					overlaps(g, { startsAt: at, endsAt: new Date(at.getTime() + 60_000) })
				);
				const state: CoverState = live.some((g) => g.status === 'confirmed')
					? 'confirmed'
					: live.some((g) => g.status === 'proposed')
						? 'proposed'
						: 'uncovered';
				if (state !== 'confirmed') uncovered += 1;
				return {
					citizenId: c.citizenId,
					name: `${c.firstName} ${c.lastName}`,
					state,
					grants: own,
					reproposed: own.some((g) => g.replacesGrantId !== null && g.status === 'proposed')
				};
			});
		return { ...absence, citizens: list };
	});

	const days = copenhagenDays(now, weeks * 7);
	const calendar = {
		days,
		rows: members.map((m) => ({
			userId: m.id,
			name: m.name,
			days: days.map((day) => {
				const dayWindow = {
					startsAt: startOfCopenhagenDay(day),
					endsAt: new Date(startOfCopenhagenDay(day).getTime() + 86_400_000)
				};
				return absenceRows.find((a) => a.userId === m.id && overlaps(a, dayWindow))?.kind ?? null;
			})
		}))
	};
	return { members, absences: withCitizens, calendar, uncovered };
}
