import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '../../auth/password';
import type { Database } from '../client';
import {
	absences,
	appointments,
	assignments,
	citizens,
	citizenStatusHistory,
	consents,
	contactParticipants,
	contacts,
	coverBuddies,
	housingHistory,
	municipalities,
	organisations,
	planDocuments,
	planItems,
	planSectionRevisions,
	planUpdates,
	planVersions,
	teamSettings,
	users
} from '../schema';
import { buildAppointments } from './appointments';
import { buildCitizens } from './citizens';
import { buildConsents, buildCover, proposeDemoCover } from './consents';
import type { SeedContext } from './context';
import { buildJournal } from './journal';
import { DEMO_PASSWORD, listDemoLogins, SEED, type DemoLogin } from './logins';
import { buildPeople } from './people';
import { buildPlans } from './plans';
import { Random } from './random';
import { copenhagenDay } from './time';

export { DEMO_PASSWORD, listDemoLogins, type DemoLogin };

const CHUNK = 500;

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
	const rows = await db.select({ id: municipalities.id }).from(municipalities).limit(1);
	return rows.length === 0;
}

/** Fills an empty database with the fictional Vesterby Kommune, all dates relative to `now`. */
export async function seedDemo(db: Database, options: { now: Date }): Promise<DemoLogin[]> {
	// One hash for everyone: argon2id is slow on purpose, and every demo user shares the password.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const ctx: SeedContext = {
		rnd: new Random(SEED),
		now: options.now,
		today: copenhagenDay(options.now)
	};
	const people = buildPeople(ctx, passwordHash);
	const population = buildCitizens(ctx, people);
	const cover = buildCover(ctx, people, population);
	const consentRows = buildConsents(ctx, people, population);
	const journal = buildJournal(ctx, people, population, cover.buddyOf);
	const appointmentRows = buildAppointments(ctx, people, population, cover.buddyOf);
	const plans = buildPlans(ctx, people, population, consentRows);

	await db.transaction(async (tx) => {
		await tx.insert(municipalities).values(people.rows.municipality);
		await tx.insert(organisations).values(people.rows.organisations);
		await tx.insert(teamSettings).values(people.rows.teamSettings);
		await tx.insert(users).values(people.rows.users);
		await tx.insert(citizens).values(population.rows.citizens);
		await tx.insert(citizenStatusHistory).values(population.rows.statusHistory);
		await tx.insert(housingHistory).values(population.rows.housing);
		await tx.insert(assignments).values(population.rows.assignments);
		await tx.insert(coverBuddies).values(cover.rows.buddies);
		await tx.insert(absences).values(cover.rows.absences);
		await tx.insert(consents).values(consentRows);
		// Chunked to stay far below the 65,535 bind parameters of one statement.
		for (let i = 0; i < journal.contacts.length; i += CHUNK) {
			await tx.insert(contacts).values(journal.contacts.slice(i, i + CHUNK));
		}
		if (journal.participants.length > 0) {
			await tx.insert(contactParticipants).values(journal.participants);
		}
		await tx.insert(appointments).values(appointmentRows);
		for (let i = 0; i < plans.documents.length; i += CHUNK) {
			await tx.insert(planDocuments).values(plans.documents.slice(i, i + CHUNK));
		}
		for (let i = 0; i < plans.updates.length; i += CHUNK) {
			await tx.insert(planUpdates).values(plans.updates.slice(i, i + CHUNK));
		}
		if (plans.versions.length > 0) {
			// Each version holds the citizen's sections through their first update (the meeting).
			const firsts = await tx
				.select({
					name: planUpdates.documentName,
					citizenId: planDocuments.citizenId,
					id: sql<number>`min(${planUpdates.id})`.mapWith(Number)
				})
				.from(planUpdates)
				.innerJoin(planDocuments, eq(planDocuments.name, planUpdates.documentName))
				.groupBy(planUpdates.documentName, planDocuments.citizenId);
			await tx.insert(planVersions).values(
				plans.versions.map((version) => ({
					...version,
					kind: 'named' as const,
					throughUpdateIds: Object.fromEntries(
						firsts.filter((f) => f.citizenId === version.citizenId).map((f) => [f.name, f.id])
					)
				}))
			);
		}
		// The projection the server would have written: dashboards, Min dag and partners read it.
		for (let i = 0; i < plans.revisions.length; i += CHUNK) {
			await tx.insert(planSectionRevisions).values(plans.revisions.slice(i, i + CHUNK));
		}
		for (let i = 0; i < plans.items.length; i += CHUNK) {
			await tx.insert(planItems).values(plans.items.slice(i, i + CHUNK));
		}
		// The coming holiday shows cover as a team leader meets it: the buddies already confirmed,
		// the rest proposed by Samplan and waiting for the team leader.
		await proposeDemoCover(tx, cover.absence, people);
	});

	return listDemoLogins(db, { now: options.now, verify: false });
}
