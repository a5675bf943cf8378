/** Interface text for the citizen's consents (samtykke). */
export const consent = {
	title: 'Samtykke',
	intro:
		'Borgeren bestemmer, hvem der må deltage i planen, og hvilke dele de må se. Samtykket gælder fra det øjeblik, det registreres, og ophører straks, når det trækkes tilbage.',
	none: 'Borgeren har ikke givet samtykke til nogen endnu.',
	party: 'Givet til',
	sections: 'Dele af planen',
	purpose: 'Formål',
	givenOn: 'Givet den',
	validUntil: 'Gælder til',
	noEnd: 'Indtil det trækkes tilbage',
	status: 'Status',
	active: 'Gældende',
	expired: 'Udløbet',
	revoked: (date: string) => `Trukket tilbage ${date}`,
	revoke: 'Træk tilbage',
	revokeConfirm:
		'Træk samtykket tilbage nu? Det gælder ikke længere fra dette øjeblik, og en samarbejdspartner mister adgangen med det samme.',
	record: 'Registrér nyt samtykke',
	organisation: 'Samarbejdspartner',
	person: 'Person fra netværket',
	personName: 'Navn',
	personRelation: 'Relation til borgeren',
	personRelationExample: 'fx Søster',
	personHint:
		'Familie og netværk får ikke adgang til Samplan. Samtykket viser, hvad du må dele med personen.',
	personLabel: (name: string, relation: string | null) =>
		relation ? `${name} (${relation})` : name,
	personBadge: 'netværk',
	allSensitive:
		'Helbred og misbrug er følsomme oplysninger. Vælg kun det, borgeren har sagt ja til.',
	ownSectionBadge: 'planens eget afsnit',
	ownSectionsHint:
		'Planens egne afsnit kan indeholde alt, hvad borgeren og teamet har skrevet. Læs afsnittet igennem med borgeren, før du deler det.',
	recorded: 'Samtykket er registreret.',
	revokedNow: 'Samtykket er trukket tilbage.',
	/** On the printable plan, to the citizen, in plain words. */
	printable: {
		peopleTitle: 'Personer fra dit netværk',
		peopleIntro:
			'Du har sagt ja til, at vi må fortælle disse personer om de dele af planen, der står ud for dem. De kan ikke selv se planen i Samplan.'
	},
	errors: {
		forbidden: 'Du har ikke adgang til at ændre borgerens samtykker.',
		input:
			'Vælg en samarbejdspartner eller skriv personens navn og relation, vælg mindst én del af planen, og skriv formålet.',
		party:
			'Samtykket skal gives til enten en samarbejdspartner eller en person fra netværket – med både navn og relation (fx Søster).',
		dates: 'Slutdatoen skal ligge efter datoen for samtykket.',
		not_found: 'Samtykket findes ikke, eller er allerede trukket tilbage.'
	}
} as const;
