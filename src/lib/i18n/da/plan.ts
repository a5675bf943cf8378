/** Interface text for the living plan (handleplan) and its editor. */
export const plan = {
	title: 'Plan'
} as const;
