import { addDays, addYears, differenceInCalendarDays, getISOWeek } from 'date-fns';
import type { SectionKey } from '../../../plan/sections';
import { and, eq, like } from 'drizzle-orm';
import { citizensNeedingCover, storeProposals } from '../../cover/proposals';
import type { Database } from '../client';
import { coverGrants, type absences, type consents, type coverBuddies } from '../schema';
import type { CitizenPlan, Population } from './citizens';
import type { SeedContext } from './context';
import {
	holidayCaseManager,
	teamOf,
	type CaseManager,
	type PartnerKind,
	type People
} from './people';
import { atCopenhagen, isoDate, nextMonday } from './time';

/** What each partner needs to see, and why: data minimisation made concrete. */
const SHARING: Partial<Record<PartnerKind, { sections: SectionKey[]; purpose: string }>> = {
	jobcenter: {
		sections: ['education_employment', 'economy', 'daily_activities'],
		purpose: 'Koordinering af den jobrettede indsats og afklaring af forsørgelsesgrundlag'
	},
	misbrugsbehandling: {
		sections: ['substance_use', 'physical_health', 'mental_health'],
		purpose: 'Sammenhæng mellem behandlingen for rusmiddelbrug og ICM-indsatsen'
	},
	psykiatri: {
		sections: ['mental_health', 'physical_health', 'daily_activities', 'own_words'],
		purpose: 'Koordinering af psykiatrisk behandling, medicin og støtte i hverdagen'
	},
	boligkontor: {
		sections: ['housing'],
		purpose: 'Fastholdelse af boligen: husleje, naboforhold og vedligehold'
	},
	myndighed: {
		sections: [
			'own_words',
			'housing',
			'economy',
			'social_network',
			'daily_activities',
			'physical_health',
			'mental_health',
			'substance_use',
			'education_employment',
			'action_plan_141'
		],
		purpose: 'Sammenhæng mellem ICM-planen og handleplanen efter servicelovens § 141'
	},
	herberg: {
		sections: ['housing', 'daily_activities'],
		purpose: 'Overgangen fra herberg til egen bolig'
	}
};

const NETWORK = [
	{ name: 'Lone', relation: 'søster' },
	{ name: 'Ib', relation: 'far' },
	{ name: 'Sanne', relation: 'kæreste' }
];

export function buildConsents(ctx: SeedContext, people: People, population: Population) {
	const { rnd, today } = ctx;
	const rows: (typeof consents.$inferInsert)[] = [];
	const active = population.citizens.filter((p) => p.status === 'active');
	const yearAgo = addDays(today, -360);

	// Some day within the last year, after the current case manager took over.
	const recentDay = (plan: CitizenPlan) => {
		const assigned = addDays(plan.assignedOn!, 1);
		const earliest = assigned > yearAgo ? assigned : yearAgo;
		return addDays(earliest, rnd.int(0, Math.max(0, daysUntil(earliest, today) - 1)));
	};

	const give = (plan: CitizenPlan, kind: PartnerKind, givenOn?: Date) => {
		const sharing = SHARING[kind]!;
		const cm = plan.caseManager!;
		const day = givenOn ?? recentDay(plan);
		const row = {
			id: rnd.uuid(),
			citizenId: plan.id,
			organisationId: people.organisations[kind].id,
			sections: sharing.sections,
			purpose: sharing.purpose,
			givenOn: isoDate(day),
			validUntil: atCopenhagen(addYears(day, 1), 0),
			recordedBy: cm.id,
			recordedAt: atCopenhagen(day, 15)
		};
		rows.push(row);
		return row;
	};

	for (const plan of active) {
		const situation = plan.stints.at(-1)!.situation;
		// The featured citizens share with every kind of partner, so each partner login has a plan to open.
		if (!plan.featured && !rnd.chance(0.7)) continue;
		const kinds: PartnerKind[] = ['myndighed'];
		if (plan.featured || rnd.chance(0.45)) kinds.push('jobcenter');
		if (plan.featured || rnd.chance(0.4)) kinds.push('misbrugsbehandling');
		if (plan.featured || rnd.chance(0.3)) kinds.push('psykiatri');
		if (situation === 'own_home' && (plan.featured || rnd.chance(0.5))) kinds.push('boligkontor');
		if (situation === 'shelter' && rnd.chance(0.6)) kinds.push('herberg');
		for (const kind of kinds) give(plan, kind);
		if (rnd.chance(0.12)) {
			const person = rnd.pick(NETWORK);
			const day = recentDay(plan);
			rows.push({
				id: rnd.uuid(),
				citizenId: plan.id,
				personName: person.name,
				personRelation: person.relation,
				sections: ['own_words', 'social_network', 'outreach'],
				purpose: `Må kontaktes, hvis ICM-medarbejderen mister kontakten (${person.relation})`,
				givenOn: isoDate(day),
				validUntil: atCopenhagen(addYears(day, 1), 0),
				recordedBy: plan.caseManager!.id,
				recordedAt: atCopenhagen(day, 15)
			});
		}
	}

	// One consent the citizen took back, one that ran out: both must stop partners' access.
	const long = active.filter((p) => !p.featured && daysUntil(p.assignedOn!, today) > 420);
	const lacks = (kind: PartnerKind) => (p: CitizenPlan) =>
		!rows.some((r) => r.citizenId === p.id && r.organisationId === people.organisations[kind].id);
	const first = long.find(lacks('jobcenter'));
	const second = long.find((p) => p !== first && lacks('psykiatri')(p));
	if (first) {
		const revoked = give(first, 'jobcenter', addDays(today, -200));
		Object.assign(revoked, {
			revokedAt: atCopenhagen(addDays(today, -12), 13),
			revokedBy: first.caseManager!.id
		});
	}
	if (second) give(second, 'psykiatri', addDays(today, -400));
	return rows;
}

export function buildCover(ctx: SeedContext, people: People, population: Population) {
	const { rnd, today } = ctx;
	const away = holidayCaseManager(people);
	const leader = people.leaders[away.team];
	const monday = nextMonday(today);
	const absence: typeof absences.$inferInsert = {
		id: rnd.uuid(),
		userId: away.id,
		kind: 'holiday',
		startsAt: atCopenhagen(monday, 8),
		endsAt: atCopenhagen(addDays(monday, 4), 16),
		note: `Ferie i uge ${getISOWeek(monday)}`,
		enteredBy: leader.id,
		createdAt: atCopenhagen(addDays(today, -20), 10),
		updatedAt: atCopenhagen(addDays(today, -20), 10)
	};

	// Colleagues who have joined visits are the natural cover (as in the method's case 2).
	const colleagues = teamOf(people, away.team).filter((cm) => cm.id !== away.id);
	const buddyOf = new Map<string, CaseManager>();
	const mine = population.citizens.filter((p) => p.caseManager?.id === away.id);
	mine.slice(0, 5).forEach((plan, i) => buddyOf.set(plan.id, colleagues[i % 2]!));
	// A few more elsewhere, so the buddy column is not empty outside the holiday case.
	for (const plan of rnd
		.shuffle(population.citizens.filter((p) => p.caseManager && p.caseManager.id !== away.id))
		.slice(0, 6)) {
		const others = teamOf(people, plan.team).filter(
			(cm) => cm.id !== plan.caseManager!.id && cm.id !== away.id
		);
		buddyOf.set(plan.id, rnd.pick(others));
	}
	const buddies: (typeof coverBuddies.$inferInsert)[] = [...buddyOf].map(([citizenId, buddy]) => {
		const plan = population.citizens.find((p) => p.id === citizenId)!;
		return {
			citizenId,
			buddyId: buddy.id,
			nominatedBy: plan.caseManager!.id,
			nominatedAt: atCopenhagen(addDays(today, -rnd.int(20, 90)), 11)
		};
	});
	return { absence, buddyOf, rows: { absences: [absence], buddies } };
}

function daysUntil(from: Date, to: Date): number {
	return differenceInCalendarDays(to, from);
}

export async function proposeDemoCover(
	db: Database,
	absence: typeof absences.$inferInsert,
	people: People
): Promise<void> {
	const away = people.rows.users.find((u) => u.id === absence.userId)!;
	const window = { startsAt: absence.startsAt as Date, endsAt: absence.endsAt as Date };
	await storeProposals(db, {
		absenceId: absence.id!,
		absentUserId: absence.userId,
		teamId: away.organisationId!,
		window,
		citizenIds: await citizensNeedingCover(db, absence.userId),
		proposedBy: absence.enteredBy
	});
	await db
		.update(coverGrants)
		.set({ status: 'confirmed', confirmedBy: absence.enteredBy, confirmedAt: absence.createdAt })
		.where(and(eq(coverGrants.absenceId, absence.id!), like(coverGrants.proposalReason, 'buddy%')));
}
