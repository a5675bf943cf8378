/** Interface text for the contact journal (kontaktlog). */
export const journal = {
	title: 'Kontakter',
	logTitle: 'Registrér kontakt',
	kind: 'Hvad',
	place: 'Hvor',
	duration: 'Varighed',
	minutes: 'minutter',
	when: 'Hvornår',
	note: 'Kort note',
	save: 'Gem kontakt',
	saved: 'Kontakten er gemt.',
	queued: 'Gemt på enheden – sendes automatisk, når forbindelsen er tilbage.',
	pending: (n: number) =>
		`${n} ${n === 1 ? 'kontakt venter' : 'kontakter venter'} på at blive sendt.`,
	kinds: {
		visit: 'Besøg',
		phone: 'Telefon',
		sms: 'SMS',
		bisidder: 'Bisidder',
		meeting: 'Møde',
		attempt: 'Forsøg uden kontakt'
	},
	places: {
		street: 'Gaden',
		shelter: 'Herberg',
		own_home: 'Eget hjem',
		partner_office: 'Hos partner',
		phone: 'Telefon',
		other: 'Andet'
	},
	history: 'Journal',
	none: 'Ingen kontakter endnu.',
	by: (name: string) => `ved ${name}`,
	corrected: (n: number) => (n === 1 ? 'Rettet én gang' : `Rettet ${n} gange`),
	previously: 'Før rettelsen',
	addendum: 'Tilføjelse',
	addAddendum: 'Tilføj tilføjelse',
	correct: 'Ret',
	saveCorrection: 'Gem rettelse',
	correctedNote: 'Rettet note',
	correctedDuration: 'Rettet varighed (minutter)',
	correctionHint: 'Du kan rette din egen registrering i et døgn. Derefter kan der kun tilføjes.',
	errors: {
		future: 'Tidspunktet ligger i fremtiden.',
		too_old: 'Tidspunktet ligger mere end et år tilbage.',
		duration: 'Varigheden skal være mellem 0 og 720 minutter.',
		note_too_long: 'Noten er for lang (højst 4000 tegn).',
		input: 'Vælg hvad og hvor, og udfyld varighed og tidspunkt.',
		forbidden: 'Du har ikke adgang til borgerens journal.',
		not_found: 'Registreringen findes ikke.',
		not_author: 'Kun den, der skrev registreringen, kan rette den.',
		window_closed: 'Rettefristen er udløbet. Du kan skrive en tilføjelse i stedet.',
		conflict: 'Registreringen kunne ikke gemmes. Prøv igen.'
	}
} as const;
