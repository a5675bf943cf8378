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
	revokeConfirm: 'Træk samtykket tilbage nu? Partneren mister adgangen med det samme.',
	record: 'Registrér nyt samtykke',
	organisation: 'Samarbejdspartner',
	allSensitive:
		'Helbred og misbrug er følsomme oplysninger. Vælg kun det, borgeren har sagt ja til.',
	recorded: 'Samtykket er registreret.',
	revokedNow: 'Samtykket er trukket tilbage.',
	errors: {
		forbidden: 'Du har ikke adgang til at ændre borgerens samtykker.',
		input: 'Vælg en samarbejdspartner, mindst én del af planen og skriv formålet.',
		dates: 'Slutdatoen skal ligge efter datoen for samtykket.',
		not_found: 'Samtykket findes ikke, eller er allerede trukket tilbage.'
	}
} as const;
