import { addDays, addMinutes, differenceInCalendarDays } from 'date-fns';
import type { contactKind, contactParticipants, contactPlace, contacts } from '../schema';
import type { CitizenPlan, Population } from './citizens';
import type { SeedContext } from './context';
import { teamOf, type CaseManager, type PartnerKind, type People } from './people';
import type { Scenario } from './scenarios';
import {
	ATTEMPT_NOTES,
	BISIDDER_NOTES,
	MEETING_NOTES,
	PHONE_NOTES,
	SMS_NOTES,
	VISIT_NOTES
} from './texts';
import { atCopenhagen, isWeekend } from './time';

type Kind = (typeof contactKind.enumValues)[number];
export type Place = (typeof contactPlace.enumValues)[number];
type ContactRow = typeof contacts.$inferInsert & { id: string };

const DAYS = 30;

/** Contacts a week: highest around a move and in crisis, lowest for the long-settled. */
const WEEKLY: Partial<Record<Scenario, number>> = {
	recent_move: 4,
	featured_shelter_to_home: 5,
	featured_youth: 4,
	admitted: 4,
	discharged: 4,
	youth: 3,
	emergency: 3,
	street: 2.5,
	shelter: 2.5,
	featured_couch: 3,
	temporary: 2
};

const KINDS: [Kind, number][] = [
	['visit', 50],
	['phone', 20],
	['sms', 10],
	['bisidder', 8],
	['meeting', 5],
	['attempt', 7]
];

const BISIDDER_WITH: PartnerKind[] = ['jobcenter', 'ydelsescenter', 'myndighed', 'boligkontor'];
const MEETING_WITH: PartnerKind[] = ['myndighed', 'misbrugsbehandling', 'psykiatri'];

const DURATION: Record<Kind, [number, number]> = {
	visit: [30, 150],
	phone: [5, 30],
	sms: [5, 5],
	bisidder: [60, 180],
	meeting: [45, 120],
	attempt: [10, 45]
};

export function placeOf(plan: CitizenPlan): 'street' | 'shelter' | 'own_home' | 'other' {
	const situation = plan.stints.at(-1)!.situation;
	if (situation === 'street' || situation === 'shelter') return situation;
	if (['own_home', 'youth_flat', 'emergency_flat'].includes(situation)) return 'own_home';
	return 'other';
}

export function buildJournal(
	ctx: SeedContext,
	people: People,
	population: Population,
	buddyOf: Map<string, CaseManager>
) {
	const { rnd, today } = ctx;
	const contactRows: ContactRow[] = [];
	const participants: (typeof contactParticipants.$inferInsert)[] = [];

	const partnerAt = (kind: PartnerKind) => {
		const org = people.organisations[kind];
		const person = people.partners.find((p) => p.kind === kind);
		return {
			organisationId: org.id,
			userId: person?.id ?? null,
			name: person ? `${person.name}, ${org.name}` : `Sagsbehandler, ${org.name}`,
			organisationName: org.name
		};
	};

	for (const plan of population.citizens) {
		if (plan.status !== 'active') continue;
		const cm = plan.caseManager!;
		const where = placeOf(plan);
		const situation = plan.stints.at(-1)!.situation;
		const noteKey = where !== 'other' ? where : situation === 'hospital' ? 'hospital' : 'temporary';
		const weekly = WEEKLY[plan.scenario] ?? 1.3;
		const first = Math.min(DAYS, differenceInCalendarDays(today, plan.assignedOn!));
		const lost = plan.lostContactDays;
		const mine: ContactRow[] = [];

		const add = (daysBack: number, kind: Kind) => {
			const day = addDays(today, -daysBack);
			const [min, max] = DURATION[kind];
			const at = atCopenhagen(day, rnd.int(8, 15), rnd.pick([0, 15, 30, 45]));
			const duration = min + 5 * rnd.int(0, (max - min) / 5);
			let note: string;
			let place: Place = where;
			let partner: ReturnType<typeof partnerAt> | null = null;
			if (kind === 'visit') note = rnd.pick(VISIT_NOTES[noteKey]);
			else if (kind === 'attempt') note = rnd.pick(ATTEMPT_NOTES);
			else if (kind === 'phone' || kind === 'sms') {
				place = 'phone';
				note = rnd.pick(kind === 'phone' ? PHONE_NOTES : SMS_NOTES);
			} else {
				place = 'partner_office';
				partner = partnerAt(rnd.pick(kind === 'bisidder' ? BISIDDER_WITH : MEETING_WITH));
				const template = rnd.pick(kind === 'bisidder' ? BISIDDER_NOTES : MEETING_NOTES);
				note = template.replace('{org}', partner.organisationName);
			}
			const row: ContactRow = {
				id: rnd.uuid(),
				clientId: rnd.uuid(),
				citizenId: plan.id,
				authorId: cm.id,
				occurredAt: at,
				kind,
				place,
				durationMinutes: duration,
				note,
				createdAt: addMinutes(at, duration + 10),
				updatedAt: addMinutes(at, duration + 10)
			};
			if (partner) {
				const { organisationName: _, ...participant } = partner;
				participants.push({ contactId: row.id, ...participant });
			}
			mine.push(row);
			return row;
		};

		for (let back = first; back >= 1; back--) {
			const day = addDays(today, -back);
			if (lost !== null && back === lost) add(back, 'visit');
			else if (lost !== null && back < lost) {
				// Persistence without reaching the citizen: an attempt every few days.
				if ((lost - back) % 3 === 0) add(back, 'attempt');
			} else if (rnd.chance((weekly / 5) * (isWeekend(day) ? 0.2 : 1))) {
				add(back, pickWeighted(ctx, KINDS));
			}
		}
		if (lost === null && !mine.some((c) => c.kind !== 'attempt' && c.occurredAt > cutoff(ctx, 6))) {
			add(rnd.int(1, Math.min(6, first)), rnd.chance(0.7) ? 'visit' : 'phone');
		}

		// A colleague who joins visits gets to know the citizen, and can cover when needed.
		const visits = mine.filter((c) => c.kind === 'visit');
		const buddy = buddyOf.get(plan.id);
		const joined = visits.filter((_, i) =>
			buddy ? i === visits.length - 1 || rnd.chance(0.3) : rnd.chance(0.05)
		);
		for (const visit of joined) {
			const colleague = buddy ?? rnd.pick(teamOf(people, plan.team).filter((m) => m.id !== cm.id));
			participants.push({
				contactId: visit.id,
				userId: colleague.id,
				organisationId: people.teams[colleague.team].id,
				name: colleague.name
			});
			visit.note = `${visit.note} ${colleague.name} var med.`;
		}
		contactRows.push(...mine);
	}
	return { contacts: contactRows, participants };
}

function cutoff(ctx: SeedContext, days: number): Date {
	return atCopenhagen(addDays(ctx.today, -days), 0);
}

function pickWeighted<T>(ctx: SeedContext, options: [T, number][]): T {
	const total = options.reduce((sum, [, w]) => sum + w, 0);
	let roll = ctx.rnd.next() * total;
	for (const [value, weight] of options) {
		roll -= weight;
		if (roll < 0) return value;
	}
	return options[0]![0];
}
