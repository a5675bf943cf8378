/** Interface text for the citizen search (søg). */
export const search = {
	title: 'Søg efter borger',
	intro:
		'Søg på fornavn, efternavn eller en del af navnet. Du finder kun borgere, du har adgang til, og alle søgninger bliver logget.',
	label: 'Borgerens navn',
	hint: (min: number) => `Mindst ${min} tegn, fx "søren" eller "jen han".`,
	submit: 'Søg',
	results: 'Resultater',
	name: 'Navn',
	count: (n: number, query: string) =>
		n === 0
			? `Ingen borgere fundet for "${query}".`
			: n === 1
				? `1 borger fundet for "${query}".`
				: `${n} borgere fundet for "${query}".`,
	empty:
		'Prøv med en kortere del af navnet. Borgere, du ikke har adgang til, kommer ikke med i søgningen.',
	truncated: 'Flere resultater – præcisér søgningen.',
	opensPlan: 'åbner planen',
	errors: {
		too_short: (min: number) => `Skriv mindst ${min} tegn for at søge.`,
		too_long: (max: number) => `Søgningen må højst være ${max} tegn.`
	}
} as const;
