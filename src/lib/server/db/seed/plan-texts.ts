import type { LifeDimension } from '../../../plan/sections';
import type { PartnerKind } from './people';

/**
 * What a plan says, in the words a case manager and a citizen would use. Fictional; written for
 * the method's worked cases (ICM-metodebeskrivelsen): goals are the citizen's own, actions are
 * small and concrete, and each names who does it.
 */

export const OWN_WORDS = [
	'Jeg vil have et sted, der er mit eget, hvor jeg kan lukke døren og sove igennem.',
	'Jeg vil gerne se min datter igen og være en del af hendes liv. Det er det vigtigste.',
	'Jeg har brug for hjælp til brevene fra kommunen. Når der kommer for mange, åbner jeg dem ikke.',
	'Jeg vil have noget at stå op til om morgenen. Gerne noget med hænderne, jeg er god til at reparere ting.',
	'Jeg vil ikke tilbage på herberget. Jeg vil betale min husleje til tiden og have styr på pengene.',
	'Jeg drømmer om at få en hund igen og gå lange ture ved fjorden.',
	'Jeg vil gerne drikke mindre, men ikke stoppe helt lige nu. Jeg vil selv bestemme tempoet.',
	'Jeg har brug for, at der er én, der ringer, hvis jeg ikke dukker op. Det har jeg aldrig haft før.',
	'Jeg vil gerne tage kørekort og måske en uddannelse en dag.',
	'Jeg vil have ro på. Ikke flere møder, end jeg kan overskue, og at I siger det, hvis noget bliver aflyst.'
];

interface DimensionTexts {
	situations: string[];
	goals: { title: string; subgoals: string[] }[];
	/** Concrete steps; `by` says who usually does them. */
	actions: { what: string; by: 'case_manager' | 'citizen' | PartnerKind }[];
}

export const DIMENSION_TEXTS: Record<LifeDimension, DimensionTexts> = {
	// Housing is chosen by where the citizen lives now: see HOUSING below.
	housing: { situations: [], goals: [], actions: [] },
	economy: {
		situations: [
			'Modtager kontanthjælp. Har gæld hos Gældsstyrelsen og en gammel mobilregning til inkasso.',
			'Pengene slipper op omkring den 20. Bruger ikke netbank og har mistet sit MitID.'
		],
		goals: [
			{
				title: 'Penge nok hele måneden',
				subgoals: ['Et budget, jeg selv forstår', 'Faste regninger trækkes automatisk']
			},
			{ title: 'Overblik over gælden', subgoals: ['Gældsrådgivning'] }
		],
		actions: [
			{ what: 'Oprette MitID sammen på borgerservice', by: 'case_manager' },
			{ what: 'Lægge et budget sammen', by: 'case_manager' },
			{ what: 'Afklare ret til enkeltydelse til tandlæge', by: 'myndighed' },
			{ what: 'Tage gældspapirerne med til næste møde', by: 'citizen' }
		]
	},
	social_network: {
		situations: [
			'Har kontakt til sin søster, men ikke til resten af familien. Savner sine venner fra værkstedet.',
			'Ser mest folk fra miljøet ved banegården. Vil gerne have kontakt til sin søn igen.'
		],
		goals: [
			{
				title: 'Kontakt til min søn',
				subgoals: ['Skrive et brev', 'Et første møde på neutral grund']
			},
			{ title: 'Én ven uden for miljøet', subgoals: [] }
		],
		actions: [
			{ what: 'Skrive brevet til sønnen sammen', by: 'case_manager' },
			{ what: 'Prøve fællesspisningen i værestedet om torsdagen', by: 'citizen' },
			{ what: 'Ringe til søsteren om julen', by: 'citizen' }
		]
	},
	daily_activities: {
		situations: [
			'Sover meget om dagen og er vågen om natten. Har tidligere haft glæde af værkstedet på Havnevej.',
			'Går en tur hver dag med naboens hund; ellers mest hjemme.'
		],
		goals: [
			{ title: 'En fast ting om ugen', subgoals: ['Værkstedet om tirsdagen'] },
			{ title: 'En døgnrytme, der passer til aftalerne', subgoals: [] }
		],
		actions: [
			{ what: 'Besøge værkstedet på Havnevej sammen', by: 'case_manager' },
			{ what: 'Få et vækkeur og prøve at stå op kl. 9', by: 'citizen' }
		]
	},
	physical_health: {
		situations: [
			'Har ondt i en tand og et sår på benet, der ikke heler. Har ikke været hos lægen i to år.',
			'Diabetes, der ikke er velreguleret. Glemmer medicinen, når hverdagen skrider.'
		],
		goals: [
			{ title: 'Komme til tandlægen', subgoals: ['Tid hos socialtandplejen'] },
			{ title: 'Styr på sukkersygen', subgoals: ['Medicinæske med ugedage'] }
		],
		actions: [
			{ what: 'Følges til lægen og få set på såret', by: 'case_manager' },
			{ what: 'Bestille tid hos socialtandplejen', by: 'case_manager' },
			{ what: 'Tage medicinæsken med til sygeplejersken', by: 'citizen' }
		]
	},
	mental_health: {
		situations: [
			'Diagnosticeret med skizofreni; i behandling i distriktspsykiatrien. Stemmerne er værst om aftenen.',
			'Angst og dårlig søvn. Har tidligere afbrudt behandling, fordi ventetiden var lang.'
		],
		goals: [
			{
				title: 'Færre dårlige aftener',
				subgoals: ['En plan for, hvad jeg gør, når stemmerne bliver høje']
			},
			{ title: 'Blive i behandlingen', subgoals: ['Møde op til hver anden samtale'] }
		],
		actions: [
			{ what: 'Fast samtale i distriktspsykiatrien hver 14. dag', by: 'psykiatri' },
			{ what: 'Lave en kriseplan sammen', by: 'psykiatri' },
			{ what: 'Følges til de første tre samtaler', by: 'case_manager' }
		]
	},
	substance_use: {
		situations: [
			'Drikker dagligt, mest øl. Ønsker selv at skære ned, ikke at stoppe.',
			'Ryger hash om aftenen for at kunne sove. Har været i behandling to gange før.'
		],
		goals: [
			{ title: 'Drikke mindre på hverdage', subgoals: ['Ingen øl før kl. 16'] },
			{ title: 'Sove uden hash', subgoals: [] }
		],
		actions: [
			{ what: 'Første samtale i rusmiddelcentret', by: 'misbrugsbehandling' },
			{ what: 'Afklare Antabus eller nedtrapning med lægen', by: 'misbrugsbehandling' },
			{ what: 'Skrive ned, hvad der hjælper på de gode dage', by: 'citizen' }
		]
	},
	education_employment: {
		situations: [
			'Har arbejdet som flyttemand; har ikke arbejdet de seneste fem år.',
			'Har afbrudt to uddannelser. Vil gerne arbejde med dyr.'
		],
		goals: [
			{ title: 'Et par timer om ugen i en virksomhed', subgoals: ['Virksomhedspraktik'] },
			{ title: 'En uddannelse, jeg kan gennemføre', subgoals: ['Vejledning om FGU'] }
		],
		actions: [
			{ what: 'Møde med jobkonsulenten om praktik', by: 'jobcenter' },
			{ what: 'Afklare ressourceforløb', by: 'jobcenter' },
			{ what: 'Besøge FGU-skolens dyrehold', by: 'case_manager' }
		]
	}
};

/** Housing texts for a citizen with a home of their own now, and for one still without. */
export const HOUSING: Record<'housed' | 'unhoused', DimensionTexts> = {
	housed: {
		situations: [
			'Bor i egen lejlighed med ICM-støtte. Huslejen er betalt de seneste tre måneder; naboerne har klaget over musik om natten.',
			'Flyttede ind for nylig. Lejligheden er sparsomt møbleret, og der er ikke kommet internet endnu.'
		],
		goals: [
			{
				title: 'Beholde lejligheden',
				subgoals: ['Huslejen trækkes fra ydelsen', 'God kontakt til naboerne']
			},
			{ title: 'Et hjem, jeg har lyst til at være i', subgoals: ['Seng og spisebord'] }
		],
		actions: [
			{ what: 'Aftale om at trække huslejen fra kontanthjælpen', by: 'myndighed' },
			{ what: 'Afdragsordning på huslejerestancen', by: 'boligkontor' },
			{ what: 'Møde med varmemesteren om naboklagerne', by: 'boligkontor' },
			{ what: 'Hente møbler fra genbrugsbutikken', by: 'citizen' },
			{ what: 'Søge boligstøtte på borger.dk sammen', by: 'case_manager' }
		]
	},
	unhoused: {
		situations: [
			'Bor midlertidigt i akutbolig og venter på en lejlighed gennem den boligsociale anvisning.',
			'Har værelse på herberget og er skrevet op til en almen bolig. Vil helst bo i nærheden af sin søster.',
			'Sover skiftevis hos venner og i en opgang. Har ingen fast adresse, post går til herberget.'
		],
		goals: [
			{
				title: 'En lejlighed, der er min egen',
				subgoals: ['Tilbud om bolig inden sommer', 'Indflytning med møbler']
			},
			{ title: 'Et sted at sove hver nat', subgoals: ['Fast plads på herberget'] }
		],
		actions: [
			{ what: 'Søge om boligsocial anvisning', by: 'myndighed' },
			{ what: 'Søge om indskudslån', by: 'case_manager' },
			{ what: 'Besigtige lejligheden på Kildevej sammen', by: 'case_manager' },
			{ what: 'Skrive sig op i boligforeningerne', by: 'citizen' }
		]
	}
};

export const OUTREACH_NOTES = [
	'Ring først. Hvis der ikke svares i to dage, så kom forbi om formiddagen. Bank tre gange.',
	'Sms virker bedre end opkald. Ikke besøg efter kl. 20.',
	'Hvis jeg ikke svarer, så spørg i værestedet. Lad være med at ringe til min mor.'
];

export const NETWORK_PEOPLE = [
	{
		name: 'Lone Jakobsen',
		relation: 'søster',
		involvement: 'Vil gerne inviteres til netværksmøder.'
	},
	{
		name: 'Ib Mortensen',
		relation: 'far',
		involvement: 'Kan kontaktes, hvis borgeren bliver indlagt.'
	},
	{ name: 'Sanne Holm', relation: 'kæreste', involvement: 'Hjælper med indkøb og post.' },
	{
		name: 'Bent Lauritsen',
		relation: 'ven fra værkstedet',
		involvement: 'Kommer forbi om søndagen.'
	},
	{
		name: 'Karen Vestergaard',
		relation: 'tidligere nabo',
		involvement: 'Har en nøgle til lejligheden.'
	}
];

export const ALIGNMENT = [
	'Handleplanens mål om stabil bolig og kontakt til behandling er de samme som i ICM-planen. Handleplanen følges op hvert halve år af myndighedsrådgiveren.',
	'ICM-planen er mere detaljeret end handleplanen. Målet om beskæftigelse står kun i ICM-planen efter borgerens eget ønske.'
];
