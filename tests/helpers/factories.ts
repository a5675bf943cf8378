import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/lib/server/db/client';
import {
	assignments,
	citizens,
	consents,
	coverGrants,
	absences,
	housingHistory,
	municipalities,
	organisations,
	teamSettings,
	users
} from '../../src/lib/server/db/schema';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookie';
import type { Actor } from '../../src/lib/server/policy/actor';

type OrganisationKind = (typeof organisations.$inferInsert)['kind'];
type Role = (typeof users.$inferInsert)['role'];

/** Small builders for test data: each returns the inserted row, with sensible defaults. */
export function factories(db: Database) {
	let municipalityId: string | undefined;

	async function municipality() {
		if (municipalityId) return municipalityId;
		const [row] = await db
			.insert(municipalities)
			// Tests sign in with the password alone unless they test the second factor themselves.
			.values({ name: 'Testby Kommune', code: `T${randomUUID().slice(0, 6)}`, twoFactorRoles: [] })
			.returning();
		municipalityId = row!.id;
		return municipalityId;
	}

	async function organisation(kind: OrganisationKind = 'icm_team', name = `Org ${kind}`) {
		const [row] = await db
			.insert(organisations)
			.values({ municipalityId: await municipality(), kind, name })
			.returning();
		if (kind === 'icm_team') await db.insert(teamSettings).values({ teamId: row!.id });
		return row!;
	}

	async function user(
		role: Role,
		organisationId: string | null,
		extra: { fte?: number; name?: string } = {}
	) {
		const [row] = await db
			.insert(users)
			.values({
				municipalityId: await municipality(),
				organisationId,
				role,
				name: extra.name ?? `Test ${role}`,
				email: `${role}.${randomUUID().slice(0, 8)}@test.example`,
				fte: extra.fte ?? 1
			})
			.returning();
		return row!;
	}

	async function citizen(teamId: string, caseManagerId: string | null, firstName = 'Test') {
		const [row] = await db
			.insert(citizens)
			.values({
				municipalityId: await municipality(),
				teamId,
				firstName,
				lastName: 'Borger',
				status: caseManagerId ? 'active' : 'referred'
			})
			.returning();
		await db
			.insert(housingHistory)
			.values({ citizenId: row!.id, situation: 'shelter', fromDate: '2026-01-01' });
		if (caseManagerId) {
			await db.insert(assignments).values({ citizenId: row!.id, caseManagerId });
		}
		return row!;
	}

	async function consent(
		citizenId: string,
		organisationId: string,
		sections: string[],
		extra: { validUntil?: Date | null; revokedAt?: Date | null; recordedBy: string }
	) {
		const [row] = await db
			.insert(consents)
			.values({
				citizenId,
				organisationId,
				sections,
				purpose: 'Test',
				givenOn: '2026-01-01',
				validUntil: extra.validUntil ?? null,
				revokedAt: extra.revokedAt ?? null,
				recordedBy: extra.recordedBy
			})
			.returning();
		return row!;
	}

	async function cover(
		citizenId: string,
		absentUserId: string,
		coverUserId: string,
		window: { startsAt: Date; endsAt: Date | null }
	) {
		const [absence] = await db
			.insert(absences)
			.values({ userId: absentUserId, kind: 'sick', ...window, enteredBy: absentUserId })
			.returning();
		const [row] = await db
			.insert(coverGrants)
			.values({
				absenceId: absence!.id,
				citizenId,
				coverUserId,
				status: 'confirmed',
				...window
			})
			.returning();
		return row!;
	}

	return { municipality, organisation, user, citizen, consent, cover };
}

export function actorOf(user: typeof users.$inferSelect): Actor {
	return {
		userId: user.id,
		role: user.role,
		name: user.name,
		email: user.email,
		municipalityId: user.municipalityId,
		organisationId: user.organisationId,
		sessionId: 'test-session'
	};
}

/** A real session for the user, as the Cookie header a browser would send. */
export async function sessionCookie(db: Database, userId: string): Promise<string> {
	const token = generateSessionToken();
	await createSession(db, token, userId, { days: 30, idleMinutes: 120 });
	return `${SESSION_COOKIE}=${token}`;
}
