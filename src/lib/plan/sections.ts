/**
 * The parts of a citizen's plan. Each is its own Yjs document and its own unit of consent, so a
 * partner is given exactly the sections the citizen agreed to share. The eight life dimensions
 * come from the method (ICM-metodebeskrivelsen); a plan may add its own as `custom:<id>`.
 */
export const LIFE_DIMENSIONS = [
	'housing',
	'economy',
	'social_network',
	'daily_activities',
	'physical_health',
	'mental_health',
	'substance_use',
	'education_employment'
] as const;

export const OTHER_SECTIONS = ['own_words', 'outreach', 'network', 'action_plan_141'] as const;

export const FIXED_SECTIONS = [
	'own_words',
	...LIFE_DIMENSIONS,
	'outreach',
	'network',
	'action_plan_141'
] as const;

export type LifeDimension = (typeof LIFE_DIMENSIONS)[number];
export type FixedSection = (typeof FIXED_SECTIONS)[number];
export type CustomSection = `custom:${string}`;
export type SectionKey = FixedSection | CustomSection;

/** Sections that hold health, substance use or criminal-record information (sensitive data). */
export const SENSITIVE_SECTIONS: readonly SectionKey[] = [
	'physical_health',
	'mental_health',
	'substance_use'
];

const CUSTOM_PATTERN = /^custom:[a-z0-9-]{1,40}$/;

export function isSectionKey(value: string): value is SectionKey {
	return (FIXED_SECTIONS as readonly string[]).includes(value) || CUSTOM_PATTERN.test(value);
}

/** Yjs document name of one section of one citizen's plan. */
export function planDocumentName(citizenId: string, section: SectionKey): string {
	return `plan/${citizenId}/${section}`;
}
