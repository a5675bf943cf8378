import { addDays, differenceInCalendarDays } from 'date-fns';
import type { housingSituation } from '../schema';
import {
	address,
	EMERGENCY_FLATS,
	HOSPITAL_WARDS,
	SHELTERS,
	STREET_PLACES,
	TEMPORARY_PLACES,
	YOUTH_FLATS
} from './names';
import type { Random } from './random';

export type HousingSituation = (typeof housingSituation.enumValues)[number];

/**
 * A step of a housing history. Steps are chronological; `days` is how long the step lasted, or for
 * the last (current) step how many days ago it began.
 */
interface Step {
	situation: HousingSituation;
	days: [number, number];
	place?: string;
	note?: string;
}

interface Template {
	steps: Step[];
	/** The step during which the citizen was referred to ICM. */
	referIn: number;
	/** Referred on the first day of that step, as in the method's case 2 (ICM began at move-in). */
	referAtStart?: boolean;
	ages: [number, number];
	female?: boolean;
}

/** Modelled on the method description: its three "Borger" sketches and its two worked cases. */
const TEMPLATES = {
	street: {
		referIn: 1,
		ages: [25, 60],
		steps: [step('shelter', 60, 300), step('street', 30, 250)]
	},
	shelter: {
		referIn: 1,
		ages: [23, 62],
		steps: [step('street', 30, 400), step('shelter', 30, 500)]
	},
	emergency: {
		referIn: 1,
		ages: [30, 60],
		steps: [step('street', 30, 200), step('shelter', 100, 700), step('emergency_flat', 30, 240)]
	},
	youth: {
		referIn: 1,
		ages: [19, 24],
		steps: [step('temporary', 30, 200), step('shelter', 60, 300), step('youth_flat', 30, 300)]
	},
	temporary: {
		referIn: 1,
		ages: [28, 55],
		steps: [step('own_home', 400, 2000), step('temporary', 30, 200)]
	},
	recent_move: {
		referIn: 1,
		ages: [23, 62],
		steps: [step('street', 60, 300), step('shelter', 90, 500), step('own_home', 7, 85)]
	},
	settled: {
		referIn: 0,
		ages: [25, 65],
		steps: [step('shelter', 90, 600), step('own_home', 200, 1300)]
	},
	admitted: {
		referIn: 1,
		ages: [25, 60],
		steps: [step('shelter', 100, 400), step('own_home', 90, 500), step('hospital', 3, 10)]
	},
	discharged: {
		referIn: 1,
		ages: [30, 64],
		// The hospital stay is not a change of home: the flat was kept, so no new housing row.
		steps: [step('shelter', 100, 400), step('own_home', 60, 300)]
	},
	featured_youth: {
		referIn: 1,
		ages: [20, 20],
		female: true,
		steps: [
			{ situation: 'temporary', days: [60, 120], place: 'Sofasover hos veninder' },
			{
				situation: 'shelter',
				days: [180, 260],
				place: 'Forsorgshjemmet Vesterbo',
				note: 'Flyttede hjemmefra efter vold i hjemmet. Indskrevet i ungeindsatsen.'
			},
			{
				situation: 'youth_flat',
				days: [35, 45],
				place: 'Ungeboligerne, Kildevej 4, st. tv.',
				note: 'Bolig tilknyttet kommunens ungeindsats.'
			}
		]
	},
	featured_shelter_to_home: {
		referIn: 1,
		referAtStart: true,
		ages: [44, 47],
		female: false,
		steps: [
			{
				situation: 'shelter',
				days: [700, 730],
				place: 'Herberget Lyset',
				note: 'To år på herberget; svært at rumme pga. adfærd.'
			},
			{
				situation: 'emergency_flat',
				days: [240, 300],
				place: 'Akutbolig (§ 110), Møllegade 12',
				note: 'ICM startede ved indflytning i akutboligen.'
			},
			{ situation: 'own_home', days: [20, 30], note: 'Egen lejlighed via boligkontoret.' }
		]
	},
	featured_couch: {
		referIn: 1,
		ages: [33, 38],
		female: false,
		steps: [
			{
				situation: 'own_home',
				days: [2000, 3000],
				place: 'Ejerlejlighed, Fjordgade 8, 2. th., Vesterby',
				note: 'Ejerlejligheden er belånt; risiko for tvangsauktion.'
			},
			{
				situation: 'temporary',
				days: [100, 200],
				place: 'Sofasover hos svigermor sammen med kæresten'
			}
		]
	},
	ended_moved: {
		referIn: 0,
		ages: [25, 60],
		steps: [
			step('shelter', 90, 400),
			step('own_home', 300, 900),
			{ situation: 'other', days: [20, 200], place: 'Fraflyttet til anden kommune' }
		]
	},
	ended_residential: {
		referIn: 1,
		ages: [40, 65],
		steps: [
			step('street', 60, 300),
			step('shelter', 200, 600),
			{ situation: 'other', days: [30, 200], place: 'Botilbuddet Skovly (§ 108)' }
		]
	}
} satisfies Record<string, Template>;

export type Scenario = keyof typeof TEMPLATES;

function step(situation: HousingSituation, min: number, max: number): Step {
	return { situation, days: [min, max] };
}

export function placeFor(situation: HousingSituation, rnd: Random): string | null {
	switch (situation) {
		case 'street':
			return rnd.pick(STREET_PLACES);
		case 'shelter':
			return rnd.pick(SHELTERS);
		case 'emergency_flat':
			return rnd.pick(EMERGENCY_FLATS);
		case 'youth_flat':
			return `${rnd.pick(YOUTH_FLATS)}, ${rnd.int(1, 3)}. ${rnd.pick(['tv.', 'th.'])}`;
		case 'temporary':
			return rnd.pick(TEMPORARY_PLACES);
		case 'own_home':
			return address(rnd);
		case 'hospital':
			return rnd.pick(HOSPITAL_WARDS);
		default:
			return null;
	}
}

export interface Stint {
	situation: HousingSituation;
	place: string | null;
	from: Date;
	to: Date | null;
	note: string | null;
}

export interface Course {
	stints: Stint[];
	referredOn: Date;
	age: number;
	female: boolean | undefined;
}

/** Lays a template out backwards from today, so the current stint is always the last one. */
export function layOut(scenario: Scenario, today: Date, rnd: Random): Course {
	const template: Template = TEMPLATES[scenario];
	const steps = template.steps;
	const froms: Date[] = new Array(steps.length);
	let cursor = today;
	for (let i = steps.length - 1; i >= 0; i--) {
		const [min, max] = steps[i]!.days;
		cursor = addDays(cursor, -rnd.int(min, max));
		froms[i] = cursor;
	}
	const stints: Stint[] = steps.map((s, i) => ({
		situation: s.situation,
		place: s.place ?? placeFor(s.situation, rnd),
		from: froms[i]!,
		to: i + 1 < steps.length ? froms[i + 1]! : null,
		note: s.note ?? null
	}));

	const referStint = stints[template.referIn]!;
	const latest = addDays(referStint.to ?? today, -14);
	const span = Math.max(0, differenceInCalendarDays(latest, referStint.from));
	const referredOn = template.referAtStart
		? referStint.from
		: addDays(referStint.from, rnd.int(0, span));
	return {
		stints,
		referredOn,
		age: rnd.int(template.ages[0], template.ages[1]),
		female: template.female
	};
}
