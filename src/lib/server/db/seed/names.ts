import type { Random } from './random';

/**
 * Fictional people and places. The names are common Danish first and last names combined at
 * random; any likeness to a real person is coincidence. Addresses are in the fictional Vesterby.
 */
export const FEMALE_FIRST_NAMES = [
	'Anne',
	'Birthe',
	'Camilla',
	'Charlotte',
	'Dorthe',
	'Emma',
	'Freja',
	'Gitte',
	'Helle',
	'Ida',
	'Jannie',
	'Julie',
	'Karina',
	'Laura',
	'Lone',
	'Malene',
	'Maja',
	'Nadia',
	'Pernille',
	'Rikke',
	'Sara',
	'Signe',
	'Stine',
	'Tina',
	'Vibeke',
	'Yasmin'
] as const;

export const MALE_FIRST_NAMES = [
	'Allan',
	'Benny',
	'Bo',
	'Brian',
	'Carsten',
	'Claus',
	'Dennis',
	'Erik',
	'Finn',
	'Frank',
	'Henrik',
	'Jan',
	'Jesper',
	'Johnny',
	'Kenneth',
	'Kim',
	'Lars',
	'Michael',
	'Mads',
	'Ole',
	'René',
	'Steen',
	'Tommy',
	'Torben',
	'Ulrik',
	'Jimmi',
	'Kasper',
	'Mikkel',
	'Omar',
	'Per'
] as const;

export const LAST_NAMES = [
	'Andersen',
	'Bertelsen',
	'Christensen',
	'Clausen',
	'Frandsen',
	'Gregersen',
	'Hansen',
	'Iversen',
	'Jakobsen',
	'Jensen',
	'Johansen',
	'Kristoffersen',
	'Larsen',
	'Madsen',
	'Mikkelsen',
	'Møller',
	'Nielsen',
	'Olsen',
	'Pedersen',
	'Poulsen',
	'Rasmussen',
	'Schmidt',
	'Sørensen',
	'Thomsen',
	'Villadsen',
	'Østergaard',
	'Svendsen',
	'Kjeldsen',
	'Holst',
	'Brandt'
] as const;

const STREETS = [
	'Birkevej',
	'Skovbrynet',
	'Rosenvænget',
	'Stationsvej',
	'Fjordgade',
	'Engparken',
	'Toftevej',
	'Bakkedraget',
	'Nørregade',
	'Vestergade',
	'Møllevangen',
	'Lærkestien',
	'Havnegade',
	'Kastanie Allé'
] as const;

const FLOORS = ['st. tv.', 'st. th.', '1. tv.', '1. th.', '2. tv.', '2. th.', '3. mf.'] as const;

export function address(rnd: Random): string {
	return `${rnd.pick(STREETS)} ${rnd.int(1, 64)}, ${rnd.pick(FLOORS)}, Vesterby`;
}

export const SHELTERS = ['Herberget Lyset', 'Forsorgshjemmet Vesterbo', 'Natvarmestuen Havnen'];

export const STREET_PLACES = [
	'Sover i Stadsparken',
	'Overnatter i opgange i bymidten',
	'Sover i sin bil ved havnen',
	'Opholder sig omkring Banegårdspladsen'
];

export const TEMPORARY_PLACES = [
	'Sofasover hos familie',
	'Midlertidigt værelse, Pensionat Åhuset',
	'Bor midlertidigt hos en ven'
];

export const EMERGENCY_FLATS = [
	'Akutbolig (§ 110), Møllegade 12',
	'Akutbolig (§ 110), Kirkestræde 3',
	'Akutbolig (§ 110), Søndergade 41'
];

export const YOUTH_FLATS = ['Ungeboligerne, Kildevej 4', 'Ungeboligerne, Kildevej 6'];

export const HOSPITAL_WARDS = [
	'Psykiatrisk afdeling, Vesterby Sygehus',
	'Medicinsk afdeling, Vesterby Sygehus'
];

/** Login names on the reserved .example domain, with the Danish letters spelt out. */
export function emailFor(name: string): string {
	const local = name
		.toLowerCase()
		.replaceAll('æ', 'ae')
		.replaceAll('ø', 'oe')
		.replaceAll('å', 'aa')
		.replaceAll('é', 'e')
		.replace(/[^a-z]+/g, '.')
		.replace(/^\.|\.$/g, '');
	return `${local}@vesterby.example`;
}
