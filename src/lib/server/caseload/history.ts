import { addDays, addMonths, endOfMonth, format, startOfISOWeek } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { da } from 'date-fns/locale';
import { TIME_ZONE } from '../../dates';
import type { Database } from '../db/client';
import { absences, assignments, citizens, housingHistory, teamSettings, users } from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { capacityOf, DEFAULT_CAPACITY_PER_FTE } from './capacity';
import { CaseloadError } from './errors';

export interface MonthPoint {
	label: string;
	/** Citizens in active ICM support at the end of the month (today for the current month). */
	citizens: number;
	capacity: number;
}

export interface WeekPoint {
	label: string;
	weekStart: string;
	citizens: number;
	/** Citizens who move into their own home this week (known move-ins). */
	moveIns: number;
	/** Places lost to absences this week (8 × FTE of those away at least one working day). */
	absentCapacity: number;
	capacity: number;
}

/**
 * The team's load over time: the last 12 months from the assignment history, and the coming 8
 * weeks from what is already known (move-ins, absences). Capacity uses today's posts; Samplan
 * does not keep a history of FTE.
 */
export async function readLoadHistory(
	db: Database,
	actor: Actor,
	teamId: string,
	now: Date = new Date()
): Promise<{ months: MonthPoint[]; weeks: WeekPoint[] }> {
	if (!authorizeTeam(actor, 'team.caseload.read', teamId).allowed) {
		throw new CaseloadError('forbidden');
	}
	const [settings] = await db
		.select({ perFte: teamSettings.capacityPerFte })
		.from(teamSettings)
		.where(eq(teamSettings.teamId, teamId));
	const perFte = settings?.perFte ?? DEFAULT_CAPACITY_PER_FTE;
	const staff = await db
		.select({ id: users.id, fte: users.fte })
		.from(users)
		.where(
			and(eq(users.organisationId, teamId), eq(users.role, 'case_manager'), eq(users.active, true))
		);
	const capacity = staff.reduce((sum, s) => sum + capacityOf(s.fte, perFte), 0);

	const local = new TZDate(now, TIME_ZONE);
	const monthEnds = Array.from({ length: 12 }, (_, i) => {
		const end = endOfMonth(addMonths(local, i - 11));
		return i === 11 ? now : new Date(end.getTime());
	});
	const spans = await db
		.select({ startedAt: assignments.startedAt, endedAt: assignments.endedAt })
		.from(assignments)
		.innerJoin(citizens, eq(citizens.id, assignments.citizenId))
		.where(
			and(
				eq(citizens.teamId, teamId),
				or(isNull(assignments.endedAt), gt(assignments.endedAt, monthEnds[0]!))
			)
		);
	const activeAt = (at: Date) =>
		spans.filter((s) => s.startedAt <= at && (s.endedAt === null || s.endedAt > at)).length;
	const months = monthEnds.map((at) => ({
		label: format(new TZDate(at, TIME_ZONE), 'MMM yy', { locale: da }),
		citizens: activeAt(at),
		capacity
	}));

	const firstWeek = startOfISOWeek(local);
	const weekStarts = Array.from({ length: 8 }, (_, i) => addDays(firstWeek, i * 7));
	const horizon = addDays(firstWeek, 8 * 7);
	const moveIns = await db
		.select({ fromDate: housingHistory.fromDate })
		.from(housingHistory)
		.innerJoin(citizens, eq(citizens.id, housingHistory.citizenId))
		.where(
			and(
				eq(citizens.teamId, teamId),
				eq(housingHistory.situation, 'own_home'),
				sql`${housingHistory.fromDate} >= ${format(firstWeek, 'yyyy-MM-dd')}::date`,
				sql`${housingHistory.fromDate} < ${format(horizon, 'yyyy-MM-dd')}::date`
			)
		);
	const away = await db
		.select({ userId: absences.userId, startsAt: absences.startsAt, endsAt: absences.endsAt })
		.from(absences)
		.innerJoin(users, eq(users.id, absences.userId))
		.where(
			and(
				eq(users.organisationId, teamId),
				isNull(absences.cancelledAt),
				lte(absences.startsAt, new Date(horizon.getTime())),
				or(isNull(absences.endsAt), gt(absences.endsAt, new Date(firstWeek.getTime())))
			)
		);
	const current = activeAt(now);
	const weeks = weekStarts.map((start) => {
		const end = addDays(start, 7);
		const day = format(start, 'yyyy-MM-dd');
		const absentIds = new Set(
			away
				.filter((a) => a.startsAt < end && (a.endsAt === null || a.endsAt > start))
				.map((a) => a.userId)
		);
		const absentCapacity = staff
			.filter((s) => absentIds.has(s.id))
			.reduce((sum, s) => sum + capacityOf(s.fte, perFte), 0);
		return {
			label: `uge ${format(start, 'I')}`,
			weekStart: day,
			citizens: current,
			moveIns: moveIns.filter((m) => m.fromDate >= day && m.fromDate < format(end, 'yyyy-MM-dd'))
				.length,
			absentCapacity,
			capacity: capacity - absentCapacity
		};
	});
	return { months, weeks };
}
