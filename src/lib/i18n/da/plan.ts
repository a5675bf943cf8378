/** Interface text for the living plan (handleplan) and its editor. */
export const plan = {
	title: 'Plan',
	pageTitle: (firstName: string) => `Planen for ${firstName}`,
	openPlan: 'Åbn planen',
	printable: 'Planen til borgeren (udskrift)',
	intro:
		'Planen skrives sammen med borgeren og følger borgerens egne mål. Alle ændringer gemmes med det samme og ses af de andre, der er til stede.',
	hiddenSections: (count: number) => `${count} afsnit er ikke delt med din organisation`,
	readOnlyPlan: 'Du kan læse planen, men ikke ændre den.',
	readOnly: 'Kun læseadgang',
	customSection: 'Eget afsnit',
	addSection: 'Tilføj eget livsområde',
	addSectionLabel: 'Navn på livsområdet',
	addSectionHint: 'Fx "Husdyr" eller "Tro og fællesskab". Det får mål og handlinger som de otte.',
	sectionAdded: 'Livsområdet er tilføjet nederst i planen.',
	sectionErrors: {
		forbidden: 'Kun borgerens ICM-medarbejder kan tilføje livsområder.',
		input: 'Skriv et navn på 2–60 tegn.'
	},
	section: {
		loading: 'Henter afsnittet …',
		closed: 'Du har ikke længere adgang til dette afsnit. Genindlæs siden.',
		newer: 'Afsnittet er skrevet med en nyere version af Samplan. Genindlæs siden for at redigere.'
	},
	save: {
		label: 'Gemning',
		connecting: 'Forbinder …',
		saving: 'Gemmer …',
		saved: 'Gemt',
		offline: 'Offline – dine ændringer gemmes, når forbindelsen er tilbage'
	},
	presence: {
		title: 'Til stede',
		you: '(dig)',
		inSection: (section: string) => `i ${section}`,
		onPlan: 'på planen'
	},
	toolbar: {
		label: 'Formatering',
		bold: 'Fed',
		italic: 'Kursiv',
		bulletList: 'Punktliste'
	},
	ownWords: {
		label: 'Borgerens egne ord: ønsker, drømme, håb – hvad vil du have hjælp til?'
	},
	history: {
		link: 'Historik',
		title: (name: string) => `Historik for ${name}s plan`,
		intro:
			'Planen gemmes som en version ved hvert mødes afslutning, én gang i døgnet når den er ændret, og når I selv navngiver en. Intet kan slettes: en gendannelse er en ny ændring oven på de gamle.',
		versions: 'Versioner',
		none: 'Ingen versioner endnu.',
		kinds: {
			meeting_end: 'Efter møde',
			daily: 'Daglig',
			named: 'Navngivet',
			restore: 'Før gendannelse'
		} as Record<string, string>,
		when: 'Tidspunkt',
		by: 'Af',
		kind: 'Slags',
		name: 'Navn',
		saveNamed: 'Gem version',
		nameLabel: 'Navn på versionen',
		saved: 'Versionen er gemt.',
		compare: 'Sammenlign',
		from: 'Fra',
		to: 'Til',
		now: 'Planen nu',
		show: 'Vis ændringer',
		noChanges: 'Ingen ændringer mellem de to.',
		changedBy: 'Ændret af',
		added: 'Tilføjet',
		removed: 'Fjernet',
		restore: 'Gendan denne version',
		restoreConfirm:
			'Gendan planen, som den var i denne version? Det bliver en ny ændring i dit navn, og alle ser den med det samme.',
		restored: (n: number) =>
			n === 0
				? 'Planen var allerede som i versionen.'
				: `Versionen er gendannet i ${n} ${n === 1 ? 'afsnit' : 'afsnit'}.`,
		errors: {
			forbidden: 'Du har ikke adgang til planens historik.',
			not_found: 'Versionen findes ikke.',
			input: 'Giv versionen et navn (højst 100 tegn).'
		},
		lines: {
			ownWords: 'Borgerens ord',
			situation: 'Situation',
			goal: 'Mål',
			subgoal: 'Delmål',
			action: 'Handling',
			owner: 'ansvarlig',
			due: 'frist',
			letIn: 'Må lukke sig ind',
			call: 'Ring til',
			notes: 'Noter',
			person: 'Person',
			reference: 'Handleplan § 141',
			date: 'Dato',
			alignment: 'Sammenhæng'
		}
	},
	meeting: {
		link: 'Mødevisning',
		title: (name: string) => `Møde om ${name}s plan`,
		intro:
			'Vis planen på skærm eller projektor, mens I skriver i den sammen. Alle ændringer gemmes med det samme.',
		start: 'Start møde',
		citizenPresent: 'Borgeren deltager',
		running: (since: string, by: string) => `Mødet startede ${since} (${by}).`,
		end: 'Afslut møde og gem en version',
		ended:
			'Mødet er afsluttet. Planen er gemt som en version, så I altid kan se, hvad der blev aftalt.',
		present: 'Til stede nu',
		citizen: (name: string) => `${name} (borgeren)`,
		bigger: 'Større tekst',
		decisionTitle: 'Beslutning → handling',
		decisionIntro: 'Skriv det, I blev enige om, og giv det en ansvarlig og en frist.',
		dimension: 'Livsområde',
		goal: 'Under mål',
		newGoal: 'Nyt mål: aftalt på mødet',
		agreedGoal: (date: string) => `Aftalt på mødet ${date}`,
		what: 'Hvad skal ske?',
		owner: 'Ansvarlig',
		due: 'Frist (valgfri)',
		add: 'Tilføj handling',
		added: (dimension: string) => `Handlingen er tilføjet under ${dimension}.`,
		missingWhat: 'Skriv hvad der skal ske.',
		errors: {
			forbidden: 'Kun borgerens ICM-medarbejder kan starte og afslutte møder.',
			already_open: 'Der er allerede et møde i gang.',
			not_open: 'Der er ikke noget møde i gang.'
		}
	},
	dimension: {
		situation: 'Nuværende situation',
		goals: 'Mål',
		noGoals: 'Ingen mål endnu.',
		goal: (n: number) => `Mål ${n}`,
		addGoal: 'Tilføj mål',
		removeGoal: (n: number) => `Fjern mål ${n}`,
		subgoals: 'Delmål',
		subgoal: (goal: number, n: number) => `Delmål ${goal}.${n}`,
		addSubgoal: 'Tilføj delmål',
		removeSubgoal: (goal: number, n: number) => `Fjern delmål ${goal}.${n}`,
		actions: 'Handlinger',
		action: (goal: number, n: number) => `Handling ${goal}.${n}`,
		addAction: 'Tilføj handling',
		removeAction: (goal: number, n: number) => `Fjern handling ${goal}.${n}`
	},
	action: {
		what: 'Hvad skal ske?',
		owner: 'Ansvarlig',
		noOwner: 'Ikke fordelt',
		staff: 'Medarbejdere i teamet',
		partners: 'Samarbejdspartnere',
		citizenGroup: 'Borgeren',
		citizen: (firstName: string) => `${firstName} (borgeren)`,
		due: 'Frist',
		status: 'Status',
		statuses: {
			open: 'Ikke startet',
			in_progress: 'I gang',
			done: 'Udført',
			cancelled: 'Droppet'
		}
	},
	outreach: {
		letIn: 'Må ICM-medarbejderen lukke sig ind, hvis kontakten mistes?',
		letInAnswers: {
			yes: 'Ja',
			no: 'Nej',
			ask_first: 'Kun efter aftale med en fra listen herunder',
			unset: 'Ikke aftalt endnu'
		},
		whomToCall: 'Hvem må vi ringe til?',
		noContacts: 'Ingen personer endnu.',
		contact: (n: number) => `Person ${n}`,
		addContact: 'Tilføj person',
		removeContact: (n: number) => `Fjern person ${n}`,
		name: 'Navn',
		relation: 'Relation',
		phone: 'Telefon',
		notes: 'Noter til aftalen'
	},
	network: {
		people: 'Personer i borgerens netværk',
		noPeople: 'Ingen personer endnu.',
		person: (n: number) => `Person ${n}`,
		addPerson: 'Tilføj person',
		removePerson: (n: number) => `Fjern person ${n}`,
		name: 'Navn',
		relation: 'Relation',
		contact: 'Kontaktoplysninger',
		involvement: 'Hvordan inddrages personen?'
	},
	actionPlan: {
		reference: 'Sagsnummer eller reference',
		date: 'Handleplanens dato',
		alignment: 'Sammenhæng mellem § 141-handleplanen og ICM-planen'
	}
} as const;
