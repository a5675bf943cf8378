import { addDays } from 'date-fns';
import type { CitizenPlan, Population } from './citizens';
import type { AcuteReason } from './cohort';
import type { SeedContext } from './context';
import { holidayCaseManager, type People } from './people';
import { atCopenhagen } from './time';

/** The method's most intense moments: a crisis, a hospital discharge, a threatened eviction. */
export function markAcute(
	ctx: SeedContext,
	plans: CitizenPlan[],
	rows: Population['rows']['citizens']
) {
	const set = (plan: CitizenPlan | undefined, reason: AcuteReason, since: Date) => {
		if (!plan) return;
		plan.acuteReason = reason;
		const row = rows.find((r) => r.id === plan.id)!;
		row.acuteReason = reason;
		row.acuteSince = atCopenhagen(since, 11);
		row.updatedAt = row.acuteSince;
	};
	const active = plans.filter((p) => p.status === 'active');
	for (const plan of active) {
		const current = plan.stints.at(-1)!;
		if (plan.scenario === 'admitted') set(plan, 'crisis', current.from);
		if (plan.scenario === 'discharged') {
			set(plan, 'hospital_discharge', addDays(ctx.today, -ctx.rnd.int(1, 6)));
		}
		if (plan.scenario === 'featured_couch') set(plan, 'eviction_threat', addDays(ctx.today, -5));
	}
	const sydSettled = active.find((p) => p.team === 'syd' && p.scenario === 'settled');
	set(sydSettled, 'eviction_threat', addDays(ctx.today, -9));
}

/** Two citizens per team whom nobody has reached for 9–19 days, one of them the holiday-goer's. */
export function markLostContact(ctx: SeedContext, people: People, plans: CitizenPlan[]) {
	const monthAgo = atCopenhagen(addDays(ctx.today, -30), 0);
	const eligible = (p: CitizenPlan) =>
		p.status === 'active' && !p.featured && !p.acuteReason && p.assignedAt! < monthAgo;
	const away = holidayCaseManager(people).id;
	const nord = plans.filter((p) => p.team === 'nord' && eligible(p));
	const picks = [
		ctx.rnd.pick(nord.filter((p) => p.caseManager?.id === away)),
		ctx.rnd.pick(nord.filter((p) => p.caseManager?.id !== away)),
		...ctx.rnd.shuffle(plans.filter((p) => p.team === 'syd' && eligible(p))).slice(0, 2)
	];
	picks.forEach((plan, i) => {
		plan.lostContactDays = [9, 16, 12, 19][i] ?? 10;
	});
}
