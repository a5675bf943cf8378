import type { acuteReason, citizenStatus, supportAfter } from '../schema';
import type { TeamKey } from './people';
import type { Scenario } from './scenarios';

export type Status = (typeof citizenStatus.enumValues)[number];
export type SupportAfter = (typeof supportAfter.enumValues)[number];
export type AcuteReason = (typeof acuteReason.enumValues)[number];

/**
 * Who each team works with. Team Nord carries more move-ins, the method's most intense period:
 * part of why it is overloaded. The featured citizens (the method's worked cases) go first, so
 * they land with the case manager who goes on holiday and whose cover the demo shows.
 */
export const FEATURED: Scenario[] = [
	'featured_youth',
	'featured_shelter_to_home',
	'featured_couch'
];

export const ACTIVE_POOLS: Record<TeamKey, Scenario[]> = {
	nord: mix({
		recent_move: 6,
		settled: 12,
		shelter: 5,
		emergency: 5,
		street: 3,
		youth: 2,
		temporary: 2,
		admitted: 1,
		discharged: 1
	}),
	syd: mix({
		recent_move: 3,
		settled: 12,
		shelter: 4,
		emergency: 3,
		street: 2,
		youth: 2,
		temporary: 2,
		discharged: 1
	})
};

/** Visiteret, waiting for a case manager. */
export const REFERRED: Record<TeamKey, Scenario[]> = {
	nord: ['shelter', 'street'],
	syd: ['temporary', 'shelter']
};

export interface Closed {
	status: 'stepped_down' | 'ended';
	supportAfter: SupportAfter;
	reason: string;
}

const TO_CTI: Closed = {
	status: 'stepped_down',
	supportAfter: 'cti',
	reason: 'Stabil i egen bolig; fortsætter med CTI'
};
const TO_SEL_85: Closed = {
	status: 'stepped_down',
	supportAfter: 'sel_85',
	reason: 'Overgår til almindelig § 85-bostøtte'
};
const MOVED_AWAY: Closed = {
	status: 'ended',
	supportAfter: 'none',
	reason: 'Fraflyttet kommunen; sagen overdraget'
};
const RESIDENTIAL: Closed = {
	status: 'ended',
	supportAfter: 'other',
	reason: 'Flyttet i botilbud efter § 108'
};
const OWN_WISH: Closed = {
	status: 'ended',
	supportAfter: 'none',
	reason: 'Borgeren ønskede at afslutte forløbet'
};

export const CLOSED: Record<TeamKey, [Scenario, Closed][]> = {
	nord: [
		['settled', TO_CTI],
		['settled', TO_SEL_85],
		['ended_moved', MOVED_AWAY]
	],
	syd: [
		['settled', TO_SEL_85],
		['settled', TO_CTI],
		['ended_residential', RESIDENTIAL],
		['settled', OWN_WISH]
	]
};

export const HANDOVER_REASONS = [
	'Omfordeling i teamet efter ny kollega',
	'Borgerens ønske om ny ICM-medarbejder',
	'Medarbejderen gik ned i tid',
	'Omfordeling for at udligne belastning'
];

function mix(counts: Partial<Record<Scenario, number>>): Scenario[] {
	return Object.entries(counts).flatMap(([s, n]) => Array<Scenario>(n ?? 0).fill(s as Scenario));
}
