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
	weighted: 'Vægtet belastning',
	weightedHint:
		'Borgere i indflytningsperioden eller i akut krise tæller 1,5; mange kontakttimer den seneste uge og dækning for kolleger lægges til.',
	heavy: 'Tung belastning',
	total: 'Teamet i alt',
	over: (n: number) => `${n} over kapacitet`,
	live: 'Opdateres automatisk',
	drillDown: (name: string) => `Se ${name}s borgere`,
	caseManagerTitle: (name: string) => `${name}s borgere`,
	caseManagerLoad: (load: number, capacity: number) => `${load} borgere af ${capacity} mulige`,
	moveIn: 'Indflytningsperiode',
	daysSinceMoveIn: (n: number) => `${n} dage siden indflytning`,
	moveTo: 'Flyt til',
	colleagueOption: (name: string, load: number, capacity: number) =>
		`${name} (${load} af ${capacity})`,
	reason: 'Begrundelse',
	reasonHint: 'Gemmes i borgerens historik, og begge medarbejdere får besked.',
	overrideReason: 'Begrundelse for at gå over kapaciteten',
	overrideHint:
		'Kollegaen kommer over metodens grænse. Skriv hvorfor, hvis flytningen alligevel skal ske.',
	move: 'Flyt borger',
	moved: 'Borgeren er flyttet. Begge medarbejdere har fået besked.',
	suggest: 'Foreslå omfordeling',
	suggestTitle: 'Forslag til omfordeling',
	suggestIntro:
		'Så få flytninger som muligt, så alle er inden for kapaciteten. Borgere flyttes helst til en kollega, de kender, og borgere i indflytningsperioden bliver, hvor de er.',
	noMoves: 'Alle er inden for kapaciteten. Der er intet at flytte.',
	infeasible: (citizens: number, fte: number) =>
		`Teamet har ikke plads nok: ${citizens} ${citizens === 1 ? 'borger' : 'borgere'} for mange. Det svarer til ${fte.toLocaleString('da-DK')} fuldtidsstilling${fte === 1 ? '' : 'er'} mere.`,
	partial: 'Forslagene herunder fylder den ledige plads ud, men løser ikke hele manglen.',
	citizen: 'Borger',
	from: 'Fra',
	to: 'Til',
	fit: {
		knows_citizen: 'kender borgeren',
		same_team: 'samme team',
		other_team: 'andet team'
	},
	before: 'Før',
	after: 'Efter',
	loadsTitle: 'Belastning før og efter',
	choose: (name: string) => `Medtag flytning af ${name}`,
	apply: 'Gennemfør valgte flytninger',
	defaultReason: 'Omfordeling så alle er inden for kapaciteten',
	applied: (ok: number, failed: number) =>
		failed === 0
			? `${ok} ${ok === 1 ? 'borger er flyttet' : 'borgere er flyttet'}.`
			: `${ok} flyttet, ${failed} kunne ikke flyttes (se herunder).`,
	history: {
		title: 'Udvikling',
		monthsCaption: 'Borgere i forløb og kapacitet de seneste 12 måneder',
		weeksCaption: 'De kommende 8 uger: kendte indflytninger og fravær',
		month: 'Måned',
		week: 'Uge',
		citizens: 'Borgere',
		capacity: 'Kapacitet',
		moveIns: 'Indflytninger',
		absent: 'Pladser væk pga. fravær',
		available: 'Kapacitet til stede',
		note: 'Kapaciteten regnes ud fra teamets stillinger i dag.'
	},
	intake: {
		title: 'Visitation',
		intro:
			'Nye henvisninger venter på deres faste ICM-medarbejder. Forslaget er den tidligere medarbejder, hvis borgeren har været i forløb før, ellers den med mest plads.',
		none: 'Ingen henvisninger venter.',
		referredAt: 'Henvist',
		earlier: 'Tidligere ICM-medarbejder',
		suggested: 'Foreslået',
		why: {
			earlier: 'kender borgeren fra før',
			most_room: 'mest plads',
			none_free: 'ingen i teamet har plads; mindst over kapaciteten'
		},
		start: 'Start forløb',
		started: 'Forløbet er startet, og medarbejderen har fået borgeren.',
		defaultReason: 'Visiteret til ICM',
		newTitle: 'Ny henvisning',
		firstName: 'Fornavn',
		lastName: 'Efternavn',
		birthDate: 'Fødselsdato (valgfri)',
		phone: 'Telefon (valgfri)',
		housing: 'Boligsituation nu',
		note: 'Henvist fra / bemærkning (valgfri)',
		register: 'Registrér henvisning',
		registered: 'Henvisningen er registreret.'
	},
	support: {
		title: 'Forløb',
		intro:
			'Når borgeren er klar til mindre støtte eller forløbet slutter, frigøres pladsen. Historikken bevares, og et genåbnet forløb foreslår den tidligere medarbejder.',
		stepDown: 'Overgå til mindre støtte',
		after: 'Støtte efter ICM',
		afterOptions: { cti: 'CTI', sel_85: '§ 85 bostøtte', none: 'Ingen', other: 'Andet' },
		end: 'Afslut forløb',
		reopen: 'Genåbn som ny henvisning',
		reason: 'Begrundelse',
		saved: 'Forløbet er opdateret.',
		confirmEnd: 'Afslut forløbet? Pladsen frigøres, og medarbejderen mister adgangen.'
	},
	supportHours: 'Kontakttimer denne uge (sidste uge)',
	settingsLink: 'Indstillinger',
	settings: {
		title: 'Teamets indstillinger',
		intro:
			'Metodens tal er udgangspunktet. Ændringer gælder for hele teamet med det samme og bliver logget.',
		methodSays: (value: string) => `Metoden siger ${value}.`,
		capacity: {
			legend: 'Kapacitet',
			capacityPerFte: 'Pladser pr. fuldtidsstilling',
			capacityPerFteHint:
				'Hvor mange borgere en fuldtidsstilling højst har. En halv stilling har halvt så mange.'
		},
		weights: {
			legend: 'Vægtning',
			intro:
				'Hvad en borger tæller i den vægtede belastning. En almindelig borger tæller som grundvægten.',
			base: 'Grundvægt',
			baseHint: 'Hvad en almindelig borger tæller.',
			moveInPeriod: 'Indflytningsperiode',
			moveInPeriodHint:
				'Hvad en borger tæller i stedet de første dage efter indflytning i egen bolig.',
			moveInPeriodDays: 'Indflytningsperiodens længde (dage)',
			moveInPeriodDaysHint:
				'Hvor mange dage efter indflytningen borgeren tæller som nyligt indflyttet.',
			acute: 'Akut krise',
			acuteHint:
				'Hvad en borger i akut krise tæller i stedet. Er borgeren også nyindflyttet, gælder det største tal.',
			coverShare: 'Dækning for kolleger',
			coverShareHint: 'Hvad hver kollegas borger, man dækker for lige nu, lægger til.',
			hoursPerWeekStep: 'Kontakttimer pr. trin',
			hoursPerWeekStepHint:
				'For hver gang borgeren har haft så mange kontakttimer den seneste uge, lægges 0,5 til. 0 slår det fra.'
		},
		followUp: {
			legend: 'Opfølgning',
			warnDays: 'Varsel efter (dage uden kontakt)',
			warnDaysHint:
				'Borgeren markeres hos ICM-medarbejderen, når der ikke har været kontakt så længe.',
			escalateDays: 'Eskalér efter (dage uden kontakt)',
			escalateDaysHint: 'Borgeren vises under "Mistet kontakt" hos teamlederen.'
		},
		journal: {
			legend: 'Journal',
			correctionHours: 'Rettevindue (timer)',
			correctionHoursHint:
				'Så længe efter registreringen kan forfatteren rette en kontakt. Derefter kun skrive en tilføjelse.'
		},
		save: 'Gem indstillinger',
		saved: 'Indstillingerne er gemt. Teamets oversigt regner med de nye tal med det samme.',
		reset: 'Nulstil til metodens tal',
		resetHint: 'Sætter alle tal tilbage til ICM-metodens standard og gemmer med det samme.',
		resetConfirm: 'Sæt alle indstillinger tilbage til metodens tal?',
		resetDone: 'Metodens tal er sat ind igen og gemt.',
		summaryTitle: 'Indstillingerne er ikke gemt',
		summaryIntro: (n: number) => (n === 1 ? 'Ret dette felt:' : `Ret disse ${n} felter:`),
		forbidden: 'Kun teamets leder kan ændre indstillingerne.',
		problems: {
			number: 'Skriv et tal, fx 7 eller 7,5.',
			range: (min: string, max: string) => `Skal være mellem ${min} og ${max}.`,
			wholeNumber: 'Skal være et helt tal.',
			halves: 'Brug hele eller halve tal, fx 7,5.',
			tenths: 'Brug højst én decimal, fx 1,5.',
			orderWarn: 'Varslet skal komme før eller samtidig med eskaleringen.',
			orderEscalate: 'Eskaleringen kan ikke komme før varslet.'
		}
	},
	errors: {
		forbidden: 'Du har ikke ret til at flytte borgere i dette team.',
		input: 'Skriv en begrundelse på mindst 3 tegn, og vælg en kollega.',
		not_found: 'Borgeren eller kollegaen findes ikke længere.',
		over_capacity:
			'Kollegaen kommer over kapaciteten. Skriv en begrundelse for at gå over, eller vælg en anden.',
		absent: 'Kollegaen er fraværende lige nu og kan ikke modtage borgere.',
		inactive: 'Kollegaen er ikke længere aktiv.',
		other_team: 'Borgere kan kun flyttes inden for teamet.',
		not_case_manager: 'Borgere kan kun have en ICM-medarbejder som fast kontakt.',
		same_case_manager: 'Borgeren har allerede denne medarbejder.',
		conflict:
			'Borgeren er netop blevet flyttet af en anden. Siden er opdateret – prøv igen, hvis det stadig er nødvendigt.'
	}
} as const;
