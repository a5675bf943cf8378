/** Interface text for the audit log and the citizen's access report. */
export const audit = {
	logTitle: 'Logning',
	logIntro:
		'Alle opslag og ændringer i borgerens oplysninger, med hvem, hvornår og på hvilket grundlag.',
	when: 'Tidspunkt',
	who: 'Hvem',
	organisation: 'Organisation',
	what: 'Hvad',
	channel: 'Kanal',
	grant: 'Grundlag',
	outcome: 'Udfald',
	allowed: 'Tilladt',
	denied: 'Afvist',
	reportTitle: 'Hvem har set mine oplysninger?',
	reportIntro: (name: string, since: string) =>
		`Oversigt til ${name} over, hvornår og af hvilke organisationer dine oplysninger er blevet brugt siden ${since}, og til hvilket formål. Du kan altid spørge din ICM-medarbejder, hvis noget undrer dig.`,
	reportNone: 'Ingen har set dine oplysninger i perioden.',
	day: 'Dato',
	purpose: 'Formål',
	times: 'Antal gange',
	print: 'Udskriv',
	period: 'Periode',
	months: (n: number) => `Seneste ${n} måneder`,
	grants: {
		primary: 'Fast ICM-medarbejder',
		cover: 'Dækning ved fravær',
		consent: 'Borgerens samtykke',
		team_leader: 'Teamleder',
		self: 'Egen handling',
		admin: 'Administrator',
		none: '–'
	},
	channels: {
		page: 'Side',
		action: 'Handling',
		api: 'API',
		socket: 'Live-forbindelse',
		yjs: 'Fælles plan (live)',
		system: 'System'
	},
	/** Purposes are stored as short codes; the report shows them in plain Danish. */
	purposes: {
		'caseload overview': 'Overblik over ICM-medarbejderens borgere',
		'citizen overview': 'Opslag i borgerens oplysninger',
		'plan collaboration': 'Arbejde i den fælles plan',
		plan: 'Arbejde i den fælles plan',
		'partner overview': 'Samarbejdspartnerens oversigt over delte planer',
		'consent administration': 'Registrering af samtykke',
		supervision: 'Teamlederens tilsyn med sagen',
		'access report for the citizen': 'Udarbejdelse af denne oversigt',
		'lost contact': 'Opfølgning, da kontakten var mistet',
		journal: 'Kontaktjournal'
	} as Record<string, string>,
	unknownOrganisation: 'Kommunen'
} as const;
