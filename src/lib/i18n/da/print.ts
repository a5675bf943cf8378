/** The printable plan, written to the citizen in plain Danish. */
export const print = {
	title: (firstName: string) => `Min plan – ${firstName}`,
	printed: (date: string) => `Udskrevet ${date}`,
	print: 'Udskriv eller gem som PDF',
	ownWordsLead: 'Med mine egne ord',
	emptySection: 'Intet skrevet endnu.',
	who: 'Hvem',
	byWhen: 'Hvornår',
	outreachLead: 'Hvis vi mister kontakten med hinanden',
	consentsTitle: 'Hvem må se min plan?',
	consentsIntro:
		'Du har sagt ja til, at disse samarbejdspartnere må se og skrive i de dele af planen, der står ud for dem. Du kan altid trække et samtykke tilbage ved at sige det til din ICM-medarbejder.',
	consentsNone: 'Du har ikke givet nogen samarbejdspartnere adgang til planen.',
	until: (date: string) => `til og med ${date}`,
	untilRevoked: 'indtil du siger stop',
	hidden: (n: number) => `${n} dele af planen er ikke delt med din organisation og er ikke med her.`
} as const;
