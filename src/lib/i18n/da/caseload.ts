/** Interface text for caseloads and the team dashboard. */
export const caseload = {
	title: 'Teamets belastning',
	intro:
		'Metoden siger højst 8 borgere pr. fuldtidsstilling. Søjlerne viser hver ICM-medarbejders borgere mod kapaciteten; tabellen under har de samme tal.',
	chartLabel: 'Borgere og kapacitet pr. ICM-medarbejder',
	citizens: 'Borgere',
	capacity: 'Kapacitet',
	recentMoveIns: 'Nyligt indflyttet',
	acute: 'Akut',
	covering: 'Dækker for kolleger',
	total: 'Teamet i alt',
	over: (n: number) => `${n} over kapacitet`,
	live: 'Opdateres automatisk'
} as const;
