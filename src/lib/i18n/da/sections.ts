import type { FixedSection } from '../../plan/sections';

/** The plan's sections, as the method names them: the unit of both editing and consent. */
export const sections = {
	own_words: 'Borgerens egne ord',
	housing: 'Bolig',
	economy: 'Økonomi',
	social_network: 'Socialt netværk',
	daily_activities: 'Daglige aktiviteter',
	physical_health: 'Fysisk helbred',
	mental_health: 'Psykisk helbred',
	substance_use: 'Misbrug',
	education_employment: 'Uddannelse og beskæftigelse',
	outreach: 'Opsøgende aftale',
	network: 'Netværk',
	action_plan_141: '§ 141-handleplan'
} as const satisfies Record<FixedSection, string>;

export const organisationKinds = {
	icm_team: 'ICM-team',
	jobcenter: 'Jobcenter',
	misbrugsbehandling: 'Misbrugsbehandling',
	psykiatri: 'Psykiatri',
	boligkontor: 'Boligkontor',
	myndighed: 'Myndighed (sagsbehandler)',
	ydelsescenter: 'Ydelsescenter',
	pensionsafdeling: 'Pensionsafdeling',
	apotek: 'Apotek',
	hospital: 'Hospital',
	kriminalforsorg: 'Kriminalforsorgen',
	herberg: 'Herberg/forsorgshjem',
	daghoejskole: 'Daghøjskole',
	andet: 'Andet'
} as const;
