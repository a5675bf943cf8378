import { addDays, addYears, differenceInCalendarDays } from 'date-fns';
import type { assignments, citizens, citizenStatusHistory, housingHistory } from '../schema';
import {
	ACTIVE_POOLS,
	CLOSED,
	FEATURED,
	HANDOVER_REASONS,
	REFERRED,
	type AcuteReason,
	type Status
} from './cohort';
import type { SeedContext } from './context';
import { markAcute, markLostContact } from './moments';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './names';
import { teamOf, type CaseManager, type People, type TeamKey } from './people';
import { layOut, type Scenario, type Stint } from './scenarios';
import { atCopenhagen, isoDate } from './time';
export interface CitizenPlan {
	id: string;
	team: TeamKey;
	firstName: string;
	lastName: string;
	status: Status;
	scenario: Scenario;
	stints: Stint[];
	referredOn: Date;
	referredAt: Date;
	/** The active primary case manager; null unless status is 'active'. */
	caseManager: CaseManager | null;
	assignedAt: Date | null;
	assignedOn: Date | null;
	acuteReason: AcuteReason | null;
	featured: boolean;
	/** Days since anyone last reached the citizen: the journal then holds only attempts. */
	lostContactDays: number | null;
}

export interface Population {
	citizens: CitizenPlan[];
	rows: {
		citizens: (typeof citizens.$inferInsert)[];
		statusHistory: (typeof citizenStatusHistory.$inferInsert)[];
		housing: (typeof housingHistory.$inferInsert)[];
		assignments: (typeof assignments.$inferInsert)[];
	};
}

const REFERRAL = 'Visitation modtaget fra Myndighed Voksne';

export function buildCitizens(ctx: SeedContext, people: People): Population {
	const { rnd, today } = ctx;
	const usedNames = new Set<string>();
	const plans: CitizenPlan[] = [];
	const rows: Population['rows'] = {
		citizens: [],
		statusHistory: [],
		housing: [],
		assignments: []
	};

	const drawName = (female: boolean) => {
		for (;;) {
			const first = rnd.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
			const last = rnd.pick(LAST_NAMES);
			if (!usedNames.has(`${first} ${last}`)) {
				usedNames.add(`${first} ${last}`);
				return { first, last };
			}
		}
	};

	const create = (team: TeamKey, scenario: Scenario, status: Status) => {
		const course = layOut(scenario, today, rnd);
		const female = course.female ?? rnd.chance(0.35);
		const name = drawName(female);
		const referredOn = status === 'referred' ? addDays(today, -rnd.int(2, 20)) : course.referredOn;
		const plan: CitizenPlan = {
			id: rnd.uuid(),
			team,
			firstName: name.first,
			lastName: name.last,
			status,
			scenario,
			stints: course.stints,
			referredOn,
			referredAt: atCopenhagen(referredOn, 10),
			caseManager: null,
			assignedAt: null,
			assignedOn: null,
			acuteReason: null,
			featured: FEATURED.includes(scenario),
			lostContactDays: null
		};
		const birth = addDays(addYears(today, -course.age), -rnd.int(0, 364));
		plans.push(plan);
		return { plan, birthDate: isoDate(birth) };
	};

	for (const team of ['nord', 'syd'] as const) {
		const leader = people.leaders[team];
		const managers = teamOf(people, team);
		const shuffled = rnd.shuffle(ACTIVE_POOLS[team]);
		const pool = team === 'nord' ? [...FEATURED, ...shuffled] : shuffled;
		const handovers = new Set(rnd.shuffle(pool.map((_, i) => i)).slice(0, 5));
		let slot = 0;

		for (const cm of managers) {
			const mine: { plan: CitizenPlan; at: Date; row: typeof assignments.$inferInsert }[] = [];
			for (let n = 0; n < cm.caseload; n++, slot++) {
				const { plan, birthDate } = create(team, pool[slot]!, 'active');
				const firstDay = clampStart(addDays(plan.referredOn, rnd.int(3, 21)), today);
				let startDay = firstDay;
				let handedOver = false;
				const colleagues = managers.filter((m) => m.id !== cm.id);
				const ageDays = differenceInCalendarDays(today, firstDay);
				if (handovers.has(slot) && ageDays > 150 && !plan.featured) {
					const handoverDay = addDays(firstDay, rnd.int(60, ageDays - 45));
					rows.assignments.push({
						id: rnd.uuid(),
						citizenId: plan.id,
						caseManagerId: rnd.pick(colleagues).id,
						startedAt: atCopenhagen(firstDay, 9),
						endedAt: atCopenhagen(handoverDay, 9),
						startReason: 'Visiteret til ICM',
						endReason: rnd.pick(HANDOVER_REASONS),
						createdBy: leader.id,
						endedBy: leader.id
					});
					startDay = handoverDay;
					handedOver = true;
				}
				const start = atCopenhagen(startDay, 9);
				plan.caseManager = cm;
				plan.assignedAt = start;
				plan.assignedOn = startDay;
				const row = {
					id: rnd.uuid(),
					citizenId: plan.id,
					caseManagerId: cm.id,
					startedAt: start,
					startReason: handedOver ? 'Overtaget fra kollega' : 'Visiteret til ICM',
					createdBy: leader.id
				};
				mine.push({ plan, at: start, row });
				rows.citizens.push(citizenRow(people, plan, birthDate));
				rows.statusHistory.push(
					history(plan, 'referred', plan.referredAt, leader.id, REFERRAL),
					history(plan, 'active', atCopenhagen(firstDay, 9), leader.id, 'ICM-medarbejder tildelt')
				);
				pushHousing(rows, plan, cm.id);
			}
			// Whoever was assigned after the 8 × FTE places were full was taken on above capacity.
			mine.sort((a, b) => a.at.getTime() - b.at.getTime());
			mine.forEach((m, i) => {
				if (i >= Math.floor(8 * cm.fte)) {
					m.row.capacityOverrideReason =
						'Ingen ledig plads i teamet; borgeren kunne ikke vente. Aftalt med teamleder.';
				}
				rows.assignments.push(m.row);
			});
		}

		for (const scenario of REFERRED[team]) {
			const { plan, birthDate } = create(team, scenario, 'referred');
			rows.citizens.push(citizenRow(people, plan, birthDate));
			rows.statusHistory.push(history(plan, 'referred', plan.referredAt, leader.id, REFERRAL));
			pushHousing(rows, plan, leader.id);
		}

		for (const [scenario, closed] of CLOSED[team]) {
			const { plan, birthDate } = create(team, scenario, closed.status);
			const cm = rnd.pick(managers);
			const last = plan.stints.at(-1)!;
			const endDay = scenario === 'settled' ? addDays(today, -rnd.int(14, 180)) : last.from;
			const end = atCopenhagen(endDay, 14);
			// The referral lies at least 14 days before the end, so the course fits in between.
			const startDay = addDays(plan.referredOn, rnd.int(3, 21));
			const start = atCopenhagen(startDay < addDays(endDay, -10) ? startDay : plan.referredOn, 9);
			rows.assignments.push({
				id: rnd.uuid(),
				citizenId: plan.id,
				caseManagerId: cm.id,
				startedAt: start,
				endedAt: end,
				startReason: 'Visiteret til ICM',
				endReason: closed.reason,
				createdBy: leader.id,
				endedBy: cm.id
			});
			rows.citizens.push({
				...citizenRow(people, plan, birthDate),
				supportAfter: closed.supportAfter,
				updatedAt: end
			});
			rows.statusHistory.push(
				history(plan, 'referred', plan.referredAt, leader.id, REFERRAL),
				history(plan, 'active', start, leader.id, 'ICM-medarbejder tildelt'),
				{
					...history(plan, closed.status, end, cm.id, closed.reason),
					supportAfter: closed.supportAfter
				}
			);
			pushHousing(rows, plan, cm.id);
		}
	}

	markAcute(ctx, plans, rows.citizens);
	markLostContact(ctx, people, plans);
	return { citizens: plans, rows };
}

function clampStart(day: Date, today: Date): Date {
	return differenceInCalendarDays(today, day) < 7 ? addDays(today, -7) : day;
}

function citizenRow(people: People, plan: CitizenPlan, birthDate: string) {
	return {
		id: plan.id,
		municipalityId: people.municipalityId,
		teamId: people.teams[plan.team].id,
		firstName: plan.firstName,
		lastName: plan.lastName,
		cpr: null,
		birthDate,
		status: plan.status,
		referredAt: plan.referredAt,
		createdAt: plan.referredAt,
		updatedAt: plan.assignedAt ?? plan.referredAt
	} satisfies typeof citizens.$inferInsert;
}

function history(plan: CitizenPlan, status: Status, at: Date, by: string, reason: string) {
	return { citizenId: plan.id, status, changedAt: at, changedBy: by, reason };
}

function pushHousing(rows: Population['rows'], plan: CitizenPlan, recordedBy: string) {
	for (const stint of plan.stints) {
		const recordedAt =
			stint.from > plan.referredAt ? atCopenhagen(stint.from, 12) : plan.referredAt;
		rows.housing.push({
			citizenId: plan.id,
			situation: stint.situation,
			place: stint.place,
			fromDate: isoDate(stint.from),
			toDate: stint.to ? isoDate(stint.to) : null,
			recordedBy,
			recordedAt,
			note: stint.note
		});
	}
}
