import { format } from 'date-fns';
import { da } from 'date-fns/locale';
import { and, count, countDistinct, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { verifyPassword } from '../../auth/password';
import type { Database } from '../client';
import { absences, assignments, consents, organisations, teamSettings, users } from '../schema';
import { buildPeople, holidayCaseManager, teamOf, type People } from './people';
import { Random } from './random';
import { copenhagenDay } from './time';

export const DEMO_PASSWORD = 'samplan-demo';

export interface DemoLogin {
	role: 'case_manager' | 'team_leader' | 'partner' | 'admin';
	name: string;
	email: string;
	password: string;
	/** In Danish, for the login page: who this is and what they will see. */
	description: string;
}

/** The seed's one PRNG seed; any fixed value will do, a fixed one makes the demo the same for all. */
export const SEED = 0x0999_5a1d;

/** The interesting people to log in as, in the order the login page shows them. */
function cast(people: People): { email: string; partTime?: boolean }[] {
	const partTime = people.caseManagers.find((cm) => cm.fte === 0.5 && cm.caseload > 4)!;
	return [
		{ email: holidayCaseManager(people).email },
		{ email: partTime.email, partTime: true },
		{ email: teamOf(people, 'syd')[0]!.email },
		{ email: people.leaders.nord.email },
		{ email: people.leaders.syd.email },
		...(['jobcenter', 'misbrugsbehandling', 'psykiatri', 'boligkontor', 'myndighed'] as const).map(
			(kind) => ({ email: people.partners.find((p) => p.kind === kind)!.email })
		),
		{ email: people.admin.email }
	];
}

/**
 * The demo logins as the database holds them now, described from live figures. Users that were
 * removed, deactivated or given another password are left out, so the login page never offers a
 * password that does not work (`verify: false` skips that check right after seeding).
 */
export async function listDemoLogins(
	db: Database,
	options: { now?: Date; verify?: boolean } = {}
): Promise<DemoLogin[]> {
	const now = options.now ?? new Date();
	const people = buildPeople({ rnd: new Random(SEED), now, today: copenhagenDay(now) }, '');
	const wanted = cast(people);
	const found = await db
		.select()
		.from(users)
		.where(
			and(
				inArray(
					sql<string>`lower(${users.email})`,
					wanted.map((w) => w.email)
				),
				eq(users.active, true)
			)
		);
	if (found.length === 0) return [];

	const [teams, settings, managers, loads, away, shared] = await Promise.all([
		db.select().from(organisations),
		db.select().from(teamSettings),
		db
			.select()
			.from(users)
			.where(and(eq(users.role, 'case_manager'), eq(users.active, true))),
		db
			.select({ userId: assignments.caseManagerId, n: count() })
			.from(assignments)
			.where(isNull(assignments.endedAt))
			.groupBy(assignments.caseManagerId),
		db
			.select()
			.from(absences)
			.where(and(isNull(absences.cancelledAt), gt(absences.startsAt, now))),
		db
			.select({ organisationId: consents.organisationId, n: countDistinct(consents.citizenId) })
			.from(consents)
			.where(
				and(
					isNull(consents.revokedAt),
					or(isNull(consents.validUntil), gt(consents.validUntil, now))
				)
			)
			.groupBy(consents.organisationId)
	]);
	const load = (userId: string) => loads.find((l) => l.userId === userId)?.n ?? 0;
	const org = (id: string | null) => teams.find((t) => t.id === id);
	const short = (id: string | null) => (org(id)?.name ?? '').replace(/^ICM-team/, 'Team');
	const fte = (value: number) => value.toLocaleString('da-DK');
	const room = (teamId: string) => {
		const perFte = settings.find((s) => s.teamId === teamId)?.capacityPerFte ?? 8;
		const members = managers.filter((m) => m.organisationId === teamId);
		return {
			places: Math.floor(perFte * members.reduce((sum, m) => sum + m.fte, 0)),
			load: members.reduce((sum, m) => sum + load(m.id), 0)
		};
	};

	const describe = (user: (typeof found)[number], partTime: boolean): string => {
		switch (user.role) {
			case 'case_manager': {
				const holiday = away
					.filter((a) => a.userId === user.id && a.kind === 'holiday')
					.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
				const from = holiday
					? ` – på ferie fra ${format(copenhagenDay(holiday.startsAt), 'EEEE d. MMMM', { locale: da })}`
					: '';
				const role = partTime ? `ICM-medarbejder på deltid (${fte(user.fte)})` : 'ICM-medarbejder';
				const cap = partTime ? ` (plads til ${Math.floor(8 * user.fte)})` : '';
				return `${role}, ${short(user.organisationId)}, ${load(user.id)} borgere${cap}${from}`;
			}
			case 'team_leader': {
				const { places, load: citizens } = room(user.organisationId!);
				const over = citizens > places ? ' (over kapacitet)' : '';
				return `Teamleder, ${org(user.organisationId)?.name}: ${citizens} borgere, plads til ${places}${over}`;
			}
			case 'partner': {
				const n = shared.find((s) => s.organisationId === user.organisationId)?.n ?? 0;
				return `${user.title}, ${org(user.organisationId)?.name} – samtykke fra ${n} borgere`;
			}
			default:
				return 'Administrator i Vesterby Kommune: brugere, teams og indstillinger';
		}
	};

	const logins: DemoLogin[] = [];
	for (const w of wanted) {
		const user = found.find((u) => u.email.toLowerCase() === w.email);
		if (!user) continue;
		if (
			options.verify !== false &&
			!(await verifyPassword(user.passwordHash ?? '', DEMO_PASSWORD))
		) {
			continue;
		}
		logins.push({
			role: user.role,
			name: user.name,
			email: user.email,
			password: DEMO_PASSWORD,
			description: describe(user, w.partTime ?? false)
		});
	}
	return logins;
}
