/** Interface text for the user's own account, invitations and administration. */
const LOCKED = 'For mange forkerte adgangskoder. Vent et kvarter, og prøv så igen.';
const WRONG_CODE = 'Koden er forkert eller udløbet. Prøv igen med den nyeste kode.';

export const account = {
	title: 'Min konto',
	changePassword: 'Skift adgangskode',
	currentPassword: 'Nuværende adgangskode',
	newPassword: 'Ny adgangskode',
	repeatPassword: 'Gentag ny adgangskode',
	passwordHint: 'Mindst 12 tegn. En sætning du kan huske, er bedre end et kort, indviklet ord.',
	passwordChanged: 'Din adgangskode er skiftet. Du er logget ud på alle andre enheder.',
	problems: {
		too_short: 'Adgangskoden skal være mindst 12 tegn.',
		too_long: 'Adgangskoden må højst være 256 tegn.',
		is_email: 'Adgangskoden må ikke være din e-mail.',
		mismatch: 'De to nye adgangskoder er ikke ens.',
		wrong_current: 'Den nuværende adgangskode er forkert.',
		locked: LOCKED,
		invalid: 'Linket er ugyldigt, udløbet eller allerede brugt. Bed din administrator om et nyt.'
	},
	sessions: 'Log ud overalt',
	sessionsIntro:
		'Har du glemt at logge ud på en fælles computer, eller mistet en telefon? Log ud på alle enheder, også denne.',
	logoutEverywhere: 'Log ud på alle enheder',
	devices: {
		title: 'Hvor du er logget ind',
		intro:
			'Enheder og browsere, hvor du er logget ind lige nu. Kender du ikke en af dem, så log ud på den og skift din adgangskode.',
		device: 'Enhed',
		signedInAt: 'Logget ind',
		lastActive: 'Sidst aktiv (ca.)',
		thisDevice: 'denne enhed',
		describe: (browser: string | null, system: string | null) =>
			browser && system
				? `${browser} på ${system}`
				: (browser ?? (system ? `Ukendt browser på ${system}` : 'Ukendt enhed')),
		logOutThere: 'Log ud på denne enhed',
		loggedOut: 'Du er logget ud på den valgte enhed.',
		problems: {
			not_found:
				'Sessionen findes ikke blandt dine sessioner. Den kan allerede være afsluttet. Opdater siden og prøv igen.',
			current: 'Det er den enhed, du bruger nu. Brug "Log ud" i menuen for at logge ud her.',
			input: 'Vælg en session på listen.'
		}
	},
	twoFactor: {
		title: 'Totrinsbekræftelse',
		verifyTitle: 'Indtast engangskode',
		verifyIntro: 'Åbn din godkendelses-app og skriv den 6-cifrede kode for Samplan.',
		code: 'Engangskode (6 cifre)',
		verify: 'Bekræft',
		useRecovery: 'Har du ikke din telefon? Brug en gendannelseskode.',
		recoveryCode: 'Gendannelseskode',
		wrongCode: WRONG_CODE,
		currentPassword: 'Din nuværende adgangskode',
		problems: {
			wrong_code: WRONG_CODE,
			wrong_password: 'Adgangskoden er forkert. Skriv den adgangskode, du logger ind med.',
			already_enabled: 'Du har allerede slået totrinsbekræftelse til.',
			locked: LOCKED
		},
		setupTitle: 'Opsæt totrinsbekræftelse',
		setupRequired:
			'Din rolle kræver totrinsbekræftelse, fordi du arbejder med borgeres følsomme oplysninger. Det tager et par minutter.',
		setupSteps: [
			'Installer en godkendelses-app på din telefon (fx Microsoft Authenticator eller Google Authenticator).',
			'Vælg "tilføj konto" og indtast nøglen nedenfor manuelt (eller åbn linket på telefonen).',
			'Skriv den 6-cifrede kode, appen viser, og tryk Aktivér.'
		],
		secret: 'Nøgle',
		openInApp: 'Åbn i godkendelses-app',
		activate: 'Aktivér',
		enabled: 'Totrinsbekræftelse er slået til.',
		disabledNote: 'Totrinsbekræftelse er ikke slået til for dig.',
		setUp: 'Opsæt totrinsbekræftelse',
		recoveryTitle: 'Dine gendannelseskoder',
		recoveryIntro:
			'Gem koderne et sikkert sted. Hver kode kan bruges én gang, hvis du mister telefonen. De vises kun nu.',
		continue: 'Fortsæt til Samplan',
		requiredRoles: 'Kræv totrinsbekræftelse for',
		saveRoles: 'Gem krav',
		rolesSaved: 'Kravet er gemt. Det gælder fra næste login.'
	},
	invitation: {
		title: 'Vælg din adgangskode',
		intro: (name: string) =>
			`Velkommen til Samplan, ${name}. Vælg en adgangskode for at komme i gang.`,
		submit: 'Gem og log ind'
	},
	admin: {
		title: 'Brugere',
		intro: 'Inviter nye brugere, send nye links og deaktiver brugere, der er stoppet.',
		invite: 'Inviter bruger',
		name: 'Navn',
		email: 'E-mail',
		role: 'Rolle',
		organisation: 'Team eller organisation',
		noOrganisation: 'Ingen (administrator)',
		fte: 'Normering (0,1–1)',
		status: 'Status',
		active: 'Aktiv',
		inactive: 'Deaktiveret',
		awaitingPassword: 'Afventer adgangskode',
		deactivate: 'Deaktiver',
		sessions: 'Sessioner',
		endSessions: 'Afslut alle sessioner',
		endSessionsFor: (name: string) => `Afslut alle sessioner for ${name}`,
		sessionsEnded: (name: string, count: number) =>
			count === 1
				? `${name} er logget ud på 1 enhed.`
				: `${name} er logget ud på ${count} enheder.`,
		activate: 'Genaktiver',
		newLink: 'Nyt link',
		linkCreated: (name: string) =>
			`Engangslink til ${name}. Giv det videre på en sikker måde; det vises kun nu og virker i 7 dage:`,
		errors: {
			forbidden: 'Du har ikke adgang til at administrere brugere.',
			email_taken: 'Der findes allerede en bruger med den e-mail.',
			organisation:
				'Vælg et ICM-team for medarbejdere og teamledere, og en samarbejdspartner for partnere.',
			self: 'Du kan ikke deaktivere dig selv.',
			self_sessions: 'Dine egne sessioner afslutter du under Min konto.',
			input: 'Udfyld navn, en gyldig e-mail og rolle.'
		}
	}
} as const;
