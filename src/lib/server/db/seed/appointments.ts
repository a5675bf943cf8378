import { addDays, addMinutes } from 'date-fns';
import type { appointments } from '../schema';
import type { CitizenPlan, Population } from './citizens';
import type { SeedContext } from './context';
import { placeOf } from './journal';
import { holidayCaseManager, type CaseManager, type People } from './people';
import { APPOINTMENT_TITLES } from './texts';
import { atCopenhagen, isWeekend, nextMonday } from './time';

type Row = typeof appointments.$inferInsert;

const SLOTS: [number, number][] = [
	[9, 0],
	[10, 30],
	[13, 0],
	[14, 30]
];

/** "Min dag" for every case manager: today, the next working days, and cover during the holiday. */
export function buildAppointments(
	ctx: SeedContext,
	people: People,
	population: Population,
	buddyOf: Map<string, CaseManager>
): Row[] {
	const { rnd, today } = ctx;
	const rows: Row[] = [];
	const away = holidayCaseManager(people);
	const monday = nextMonday(today);
	const friday = addDays(monday, 4);
	const isAway = (cm: CaseManager, day: Date) =>
		cm.id === away.id && day >= monday && day <= friday;

	const book = (
		cm: CaseManager,
		plan: CitizenPlan,
		day: Date,
		slot: [number, number],
		coverTitle?: string
	) => {
		const place = !coverTitle && rnd.chance(0.2) ? 'partner_office' : placeOf(plan);
		const startsAt = atCopenhagen(day, slot[0], slot[1]);
		rows.push({
			id: rnd.uuid(),
			citizenId: plan.id,
			userId: cm.id,
			startsAt,
			endsAt: addMinutes(startsAt, rnd.pick([60, 90])),
			place,
			title: coverTitle ?? rnd.pick(APPOINTMENT_TITLES[place]),
			createdBy: cm.id
		});
	};

	for (const cm of people.caseManagers) {
		const mine = population.citizens.filter((p) => p.caseManager?.id === cm.id);
		if (mine.length === 0) continue;
		let workingDays = 0;
		for (let offset = 0; workingDays < 5; offset++) {
			const day = addDays(today, offset);
			if (offset > 0 && isWeekend(day)) continue;
			workingDays++;
			if (isAway(cm, day)) continue;
			const count = offset === 0 ? rnd.int(2, 3) : rnd.int(1, 2);
			const slots = rnd.shuffle(SLOTS).slice(0, count);
			slots.sort((a, b) => a[0] * 60 + a[1] - (b[0] * 60 + b[1]));
			const who = rnd.shuffle(mine);
			slots.forEach((slot, i) => book(cm, who[i % who.length]!, day, slot));
		}
	}

	// The buddy visits the absent colleague's citizens during the holiday week.
	for (const [citizenId, buddy] of buddyOf) {
		const plan = population.citizens.find((p) => p.id === citizenId)!;
		if (plan.caseManager?.id !== away.id) continue;
		const day = addDays(monday, rnd.int(0, 4));
		book(buddy, plan, day, [15, 30], `Besøg (dækker for ${away.name})`);
	}
	return rows;
}
