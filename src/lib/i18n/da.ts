import { account } from './da/account';
import { audit } from './da/audit';
import { caseload } from './da/caseload';
import { consent } from './da/consent';
import { cover } from './da/cover';
import { journal } from './da/journal';
import { organisationKinds, sections } from './da/sections';
import { plan } from './da/plan';
import { print } from './da/print';
import { search } from './da/search';

/**
 * All interface text, in Danish, in the method's own words (borger, ICM-medarbejder, handleplan,
 * bostøtte …). Components read from here; an English file with the same shape can follow.
 */
export const da = {
	app: {
		name: 'Samplan',
		tagline: 'Fælles plan og koordinering for ICM-teams',
		skipToContent: 'Spring til indhold',
		mainNav: 'Hovedmenu'
	},
	roles: {
		case_manager: 'ICM-medarbejder',
		team_leader: 'Teamleder',
		partner: 'Samarbejdspartner',
		admin: 'Administrator'
	},
	connection: {
		label: 'Forbindelse',
		connecting: 'Forbinder …',
		connected: 'Forbundet',
		offline: 'Afbrudt – prøver igen'
	},
	nav: {
		start: 'Forside',
		myCitizens: 'Mine borgere',
		myDay: 'Min dag',
		account: 'Min konto',
		admin: 'Brugere',
		team: 'Teamets belastning',
		absence: 'Mit fravær',
		teamCover: 'Fravær og dækning',
		search: 'Søg',
		logout: 'Log ud'
	},
	login: {
		title: 'Log ind',
		intro: 'Log ind med din arbejdsmail og adgangskode.',
		email: 'E-mail',
		password: 'Adgangskode',
		submit: 'Log ind',
		invalid: 'E-mail eller adgangskode er forkert.',
		missing: 'Skriv både e-mail og adgangskode.',
		locked: (minutes: number) =>
			`For mange forkerte forsøg. Prøv igen om ${minutes} ${minutes === 1 ? 'minut' : 'minutter'}.`,
		loggedOut: 'Du er logget ud.',
		demoTitle: 'Demo-logins',
		demoIntro: (password: string) =>
			`Dette er en demo med den opdigtede Vesterby Kommune. Alle demo-logins har adgangskoden ${password}.`,
		demoTry: 'Prøv',
		demoUse: (name: string) => `Prøv som ${name}`,
		demoRoles: {
			case_manager: 'ICM-medarbejder',
			team_leader: 'Teamleder',
			partner: 'Samarbejdspartner',
			admin: 'Administrator'
		}
	},
	start: {
		greeting: (name: string) => `Goddag, ${name}`,
		myCitizens: 'Mine borgere',
		noCitizens: 'Du har ingen borgere tilknyttet lige nu.',
		load: (count: number, capacity: number) => `${count} borgere af ${capacity} mulige`,
		overCapacity: 'Over kapacitet',
		team: 'Dit team',
		fte: 'Normering',
		citizens: 'Borgere',
		capacity: 'Kapacitet',
		sharedSections: 'Delte afsnit',
		consentUntil: 'Samtykke gælder til',
		partnerIntro:
			'Her ser du de borgere, der har givet samtykke til, at din organisation deltager i deres plan.',
		partnerNone: 'Ingen borgere har givet samtykke til din organisation endnu.',
		partnerActions: 'Mine åbne indsatser',
		partnerActionsIntro:
			'Handlinger i borgernes planer, som du eller din organisation står for, og som ikke er udført. Du ser kun afsnit, som borgeren har givet samtykke til.',
		partnerActionsNone:
			'Du eller din organisation har ingen åbne indsatser i de planer, du har adgang til.',
		partnerActionsSection: 'Afsnit',
		partnerActionsWhat: 'Indsats',
		partnerActionsOverdue: 'Overskredet',
		partnerActionsNoDue: 'Ingen frist',
		adminIntro:
			'Som administrator styrer du brugere og organisationer. Du har ikke adgang til borgerdata.'
	},
	citizen: {
		name: 'Navn',
		status: 'Status',
		housing: 'Boligsituation',
		sinceMoveIn: 'Dage siden indflytning',
		lastContact: 'Seneste kontakt',
		daysAgo: (n: number) => (n === 0 ? 'I dag' : n === 1 ? 'I går' : `${n} dage siden`),
		never: 'Aldrig',
		attempted: (n: number) =>
			`forsøgt ${n === 0 ? 'i dag' : n === 1 ? 'i går' : `for ${n} dage siden`}`,
		followUp: { ok: '', warn: 'Snart tid til kontakt', escalate: 'Mistet kontakt' },
		outreach: 'Aftalt med borgeren, hvis kontakten mistes',
		letIn: 'Må lukke sig ind',
		call: 'Må ringe til',
		noOneToCall: 'Ingen aftalt',
		caseManager: 'ICM-medarbejder',
		housingHistory: 'Boligforløb',
		sections: 'Borgerens sider',
		place: 'Sted',
		from: 'Fra',
		to: 'Til',
		now: 'Nu'
	},
	citizenStatus: {
		referred: 'Henvist – venter på ICM-medarbejder',
		active: 'Aktiv',
		stepped_down: 'Nedtrappet',
		ended: 'Afsluttet'
	},
	housing: {
		street: 'Gaden',
		shelter: 'Herberg/forsorgshjem',
		emergency_flat: 'Akutbolig',
		temporary: 'Midlertidigt ophold',
		youth_flat: 'Ungebolig',
		own_home: 'Egen bolig',
		hospital: 'Hospital',
		prison: 'Fængsel',
		other: 'Andet'
	},
	plan,
	print,
	account,
	consent,
	cover,
	journal,
	caseload,
	audit,
	search,
	sections,
	organisationKinds,
	errors: {
		title: 'Der skete en fejl',
		notFound: 'Siden findes ikke.',
		forbidden: 'Du har ikke adgang til denne side.',
		generic: 'Noget gik galt. Prøv igen, eller kontakt support hvis det fortsætter.',
		backHome: 'Til forsiden'
	}
} as const;

export type Messages = typeof da;
