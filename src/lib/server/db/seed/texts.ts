/**
 * Journal notes and appointment titles: short, factual and respectful, as a case manager would
 * write them with the citizen able to read along. `{org}` is the partner present.
 */
export const VISIT_NOTES: Record<
	'street' | 'shelter' | 'own_home' | 'hospital' | 'temporary',
	string[]
> = {
	street: [
		'Fandt borgeren ved bænkene i Stadsparken. Kaffe sammen og snak om at søge bolig.',
		'Mødtes ved Banegårdspladsen efter en kold nat. Aftalte at mødes på herberget i morgen.',
		'Gåtur i bymidten. Talte om, hvad der skal til, før borgeren vil se på en akutbolig.',
		'Kort snak på gaden. Borgeren ville ikke tale længe i dag, men tog imod madpakke og mit nummer.'
	],
	shelter: [
		'Besøg på herberget. Gennemgik ansøgningen om bolig og hvad der mangler af papirer.',
		'Samtale på værelset. Borgeren fortalte selv om sine mål for de næste måneder.',
		'Talte med borgeren og personalet om overgangen til egen bolig.',
		'Hjalp med at udfylde ansøgning om enkeltydelse til indskud.'
	],
	own_home: [
		'Hjemmebesøg. Vi lavede indkøbsliste og gennemgik ugens budget sammen.',
		'Hjemmebesøg. Borgeren havde selv ryddet op og var stolt af det. Talte om naboerne.',
		'Rengøringsdag sammen, som aftalt i planen. Det gik godt; næste gang tager vi badeværelset.',
		'Hjemmebesøg. Gennemgik post og regninger; huslejen er betalt.',
		'Satte lampe op og ordnede gardiner. Borgeren vil gerne invitere sin søster på besøg.',
		'Kort besøg. Borgeren havde en svær nat, men ville gerne tale. Aftalte at ringe i morgen.',
		'Fulgtes til lægen for at forny medicin. Borgeren førte selv ordet.'
	],
	hospital: [
		'Besøg på afdelingen. Talte med borgeren og kontaktpersonen om udskrivelsen.',
		'Besøg på afdelingen. Borgeren var træt, men glad for besøget. Tog post og tøj med.'
	],
	temporary: [
		'Besøg der, hvor borgeren bor midlertidigt. Talte om muligheder for egen bolig.',
		'Mødtes på cafeen på hjørnet, som borgeren foretrækker. Gennemgik planens mål.',
		'Gennemgik ansøgningen til boligkontoret sammen. Borgeren skrev selv motivationen.'
	]
};

export const PHONE_NOTES = [
	'Borgeren ringede; ville høre om mødet på torsdag. Bekræftede tid og sted.',
	'Ringede for at høre, hvordan det går efter weekenden. Stemmen var god.',
	'Telefonsamtale om brev fra Udbetaling Danmark. Vi kigger på det sammen ved næste besøg.',
	'Kort opkald; aftalte nyt besøg.'
];

export const SMS_NOTES = [
	'Sms med påmindelse om tandlægetid. Borgeren svarede med en tommelfinger.',
	'Borgeren skrev, at det går fint. Svarede og aftalte besøg.',
	'Sms-kontakt om afhentning af medicin.'
];

export const BISIDDER_NOTES = [
	'Bisidder ved samtale hos {org}. Vi forberedte os sammen på vejen derhen.',
	'Deltog som bisidder hos {org}. Borgeren fik selv sagt det vigtigste.',
	'Bisidder ved møde med {org}; aftalte opfølgning om fire uger.'
];

export const MEETING_NOTES = [
	'Netværksmøde om planen med {org}. Borgeren deltog og satte selv dagsordenen.',
	'Koordineringsmøde med {org} om fordeling af opgaverne i planen.',
	'Opfølgningsmøde med {org}; handleplanen justeret efter borgerens ønsker.'
];

export const ATTEMPT_NOTES = [
	'Ikke hjemme. Lagt seddel i postkassen med mit nummer.',
	'Ringede to gange uden svar. Lagt besked.',
	'Opsøgt på de kendte steder uden at finde borgeren. Spurgt personalet på herberget.',
	'Bankede på; ingen åbnede. Naboen havde set borgeren i går.'
];

export const APPOINTMENT_TITLES: Record<
	'street' | 'shelter' | 'own_home' | 'partner_office' | 'other',
	string[]
> = {
	street: ['Opsøgende: gåtur i bymidten', 'Mødes ved Banegårdspladsen'],
	shelter: ['Besøg på herberget', 'Boligansøgning på herberget'],
	own_home: [
		'Hjemmebesøg',
		'Hjemmebesøg – budget og regninger',
		'Indkøb og madlavning',
		'Rengøringsdag sammen'
	],
	partner_office: [
		'Følges til samtale i jobcentret',
		'Møde hos Myndighed Voksne (§ 141)',
		'Samtale på Rusmiddelcentret',
		'Bisidder ved lægebesøg'
	],
	other: ['Besøg', 'Kaffe på cafeen og opfølgning på planen']
};
