import { municipalities, organisations, teamSettings, users } from '../schema';
import { emailFor } from './names';
import type { SeedContext } from './context';

export type TeamKey = 'nord' | 'syd';
export type PartnerKind =
	| 'jobcenter'
	| 'misbrugsbehandling'
	| 'psykiatri'
	| 'boligkontor'
	| 'myndighed'
	| 'herberg'
	| 'ydelsescenter';

export interface Team {
	key: TeamKey;
	id: string;
	name: string;
}

export interface Staff {
	id: string;
	name: string;
	email: string;
	title: string;
}

export interface CaseManager extends Staff {
	team: TeamKey;
	fte: number;
	/** How many active citizens the demo gives them; Team Nord is deliberately over 8 × FTE. */
	caseload: number;
}

export interface Partner extends Staff {
	kind: PartnerKind;
	organisationId: string;
	organisationName: string;
}

/**
 * Team Nord: 4.55 FTE, room for 36 citizens, given 40 — the overload a team leader must see.
 * Team Syd: 5.15 FTE, room for 41, given 29. The first case manager is the one going on holiday.
 */
const CASE_MANAGERS: Omit<CaseManager, 'id' | 'email' | 'title'>[] = [
	{ name: 'Mette Lind', team: 'nord', fte: 1, caseload: 10 },
	{ name: 'Jonas Holm', team: 'nord', fte: 1, caseload: 8 },
	{ name: 'Sofie Dam', team: 'nord', fte: 0.8, caseload: 7 },
	{ name: 'Rasmus Krogh', team: 'nord', fte: 0.75, caseload: 6 },
	{ name: 'Line Bech', team: 'nord', fte: 0.5, caseload: 4 },
	{ name: 'Amir Haddad', team: 'nord', fte: 0.5, caseload: 5 },
	{ name: 'Peter Munk', team: 'syd', fte: 1, caseload: 6 },
	{ name: 'Camilla Friis', team: 'syd', fte: 1, caseload: 7 },
	{ name: 'Thomas Bak', team: 'syd', fte: 1, caseload: 5 },
	{ name: 'Louise Winther', team: 'syd', fte: 0.8, caseload: 5 },
	{ name: 'Maria Thorsen', team: 'syd', fte: 0.75, caseload: 4 },
	{ name: 'Nikolaj Juhl', team: 'syd', fte: 0.6, caseload: 2 }
];

const PARTNER_ORGANISATIONS: { kind: PartnerKind; name: string }[] = [
	{ kind: 'jobcenter', name: 'Jobcenter Vesterby' },
	{ kind: 'misbrugsbehandling', name: 'Rusmiddelcenter Vesterby' },
	{ kind: 'psykiatri', name: 'Distriktspsykiatrien Vesterby' },
	{ kind: 'boligkontor', name: 'Boligkontoret Vesterby Boligselskab' },
	{ kind: 'myndighed', name: 'Socialforvaltningen, Myndighed Voksne' },
	{ kind: 'herberg', name: 'Herberget Lyset' },
	{ kind: 'ydelsescenter', name: 'Ydelsescenter Vesterby' }
];

const PARTNERS: { kind: PartnerKind; name: string; title: string }[] = [
	{ kind: 'jobcenter', name: 'Anders Kjær', title: 'Jobkonsulent' },
	{ kind: 'misbrugsbehandling', name: 'Lene Dahl', title: 'Behandler' },
	{ kind: 'psykiatri', name: 'Morten Storm', title: 'Sygeplejerske' },
	{ kind: 'boligkontor', name: 'Susanne Bruun', title: 'Boligsocial medarbejder' },
	{ kind: 'myndighed', name: 'Henrik Lauridsen', title: 'Socialrådgiver' },
	{ kind: 'myndighed', name: 'Pia Toft', title: 'Socialrådgiver' },
	{ kind: 'herberg', name: 'Kim Ravn', title: 'Pædagog, herberget' }
];

export interface People {
	municipalityId: string;
	teams: Record<TeamKey, Team>;
	organisations: Record<PartnerKind, { id: string; name: string }>;
	caseManagers: CaseManager[];
	leaders: Record<TeamKey, Staff>;
	admin: Staff;
	partners: Partner[];
	rows: {
		municipality: typeof municipalities.$inferInsert;
		organisations: (typeof organisations.$inferInsert)[];
		teamSettings: (typeof teamSettings.$inferInsert)[];
		users: (typeof users.$inferInsert)[];
	};
}

export function buildPeople(ctx: SeedContext, passwordHash: string): People {
	const { rnd, now } = ctx;
	const municipalityId = rnd.uuid();
	const since = new Date(now.getTime() - 3 * 365 * 86_400_000);
	const teams: Record<TeamKey, Team> = {
		nord: { key: 'nord', id: rnd.uuid(), name: 'ICM-team Nord' },
		syd: { key: 'syd', id: rnd.uuid(), name: 'ICM-team Syd' }
	};
	const organisationsByKind = {} as People['organisations'];
	for (const org of PARTNER_ORGANISATIONS) {
		organisationsByKind[org.kind] = { id: rnd.uuid(), name: org.name };
	}

	const staff = (name: string, title: string): Staff => ({
		id: rnd.uuid(),
		name,
		email: emailFor(name),
		title
	});
	const caseManagers = CASE_MANAGERS.map((cm) => ({
		...cm,
		...staff(cm.name, 'ICM-medarbejder')
	}));
	const leaders = {
		nord: staff('Hanne Vestergaard', 'Teamleder'),
		syd: staff('Kristian Lund', 'Teamleder')
	};
	const admin = staff('Birgitte Skov', 'Systemadministrator');
	const partners: Partner[] = PARTNERS.map((p) => ({
		...staff(p.name, p.title),
		kind: p.kind,
		organisationId: organisationsByKind[p.kind].id,
		organisationName: organisationsByKind[p.kind].name
	}));

	const user = (s: Staff, role: 'case_manager' | 'team_leader' | 'partner' | 'admin') => ({
		id: s.id,
		municipalityId,
		role,
		name: s.name,
		email: s.email,
		title: s.title,
		passwordHash,
		passwordChangedAt: now,
		createdAt: since
	});

	return {
		municipalityId,
		teams,
		organisations: organisationsByKind,
		caseManagers,
		leaders,
		admin,
		partners,
		rows: {
			municipality: {
				id: municipalityId,
				name: 'Vesterby Kommune',
				code: '0999',
				// The demo logins skip two-factor sign-in; a real municipality starts with it required.
				twoFactorRoles: [],
				createdAt: since
			},
			organisations: [
				...Object.values(teams).map((t) => ({
					id: t.id,
					municipalityId,
					kind: 'icm_team' as const,
					name: t.name,
					createdAt: since
				})),
				...PARTNER_ORGANISATIONS.map((o) => ({
					id: organisationsByKind[o.kind].id,
					municipalityId,
					kind: o.kind,
					name: o.name,
					createdAt: since
				}))
			],
			teamSettings: Object.values(teams).map((t) => ({ teamId: t.id, capacityPerFte: 8 })),
			users: [
				...caseManagers.map((cm) => ({
					...user(cm, 'case_manager'),
					organisationId: teams[cm.team].id,
					fte: cm.fte
				})),
				...(['nord', 'syd'] as const).map((key) => ({
					...user(leaders[key], 'team_leader'),
					organisationId: teams[key].id
				})),
				...partners.map((p) => ({ ...user(p, 'partner'), organisationId: p.organisationId })),
				{ ...user(admin, 'admin'), organisationId: null }
			]
		}
	};
}

export function teamOf(people: People, key: TeamKey): CaseManager[] {
	return people.caseManagers.filter((cm) => cm.team === key);
}

/** The Team Nord case manager who goes on holiday next week (the first in the list). */
export function holidayCaseManager(people: People): CaseManager {
	return people.caseManagers[0]!;
}
