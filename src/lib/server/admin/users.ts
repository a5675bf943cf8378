import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit';
import { createInvitation } from '../auth/invitations';
import type { SessionLifetime } from '../auth/session';
import { countLiveSessions, endAllSessionsOf } from '../auth/session-list';
import type { Database } from '../db/client';
import { municipalities, organisations, users } from '../db/schema';
import { setRequiredRoles } from '../auth/two-factor';
import type { Role } from '../policy/actor';
import { authorizeAdmin, type Actor, type Decision } from '../policy';
import { typedText } from '../db/storable-text';

export class AdminError extends Error {
	constructor(
		readonly code: 'forbidden' | 'email_taken' | 'organisation' | 'self' | 'self_sessions'
	) {
		super(code);
	}
}

function requireAdmin(actor: Actor): void {
	if (!authorizeAdmin(actor, 'users.manage').allowed) throw new AdminError('forbidden');
}

/** Accounts only: who, which role and organisation, and how many live sessions; no citizen data. */
export async function listUsersAndOrganisations(
	db: Database,
	actor: Actor,
	lifetime: SessionLifetime
) {
	requireAdmin(actor);
	const people = await db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			role: users.role,
			fte: users.fte,
			active: users.active,
			organisation: organisations.name,
			hasPassword: sql<boolean>`${users.passwordHash} is not null`
		})
		.from(users)
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.municipalityId, actor.municipalityId))
		.orderBy(asc(users.name));
	const sessionCounts = await countLiveSessions(
		db,
		people.map((p) => p.id),
		lifetime
	);
	const orgs = await db
		.select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
		.from(organisations)
		.where(eq(organisations.municipalityId, actor.municipalityId))
		.orderBy(asc(organisations.name));
	const [municipality] = await db
		.select({ twoFactorRoles: municipalities.twoFactorRoles })
		.from(municipalities)
		.where(eq(municipalities.id, actor.municipalityId));
	return {
		users: people.map((p) => ({
			...p,
			sessions: sessionCounts.get(p.id) ?? 0,
			isSelf: p.id === actor.userId
		})),
		organisations: orgs,
		twoFactorRoles: municipality?.twoFactorRoles ?? []
	};
}

/** Which roles must sign in with a second factor; effective from their next sign-in. */
export async function requireTwoFactorFor(db: Database, actor: Actor, roles: Role[]) {
	requireAdmin(actor);
	await setRequiredRoles(db, actor.municipalityId, roles);
	await recordAudit(db, {
		actor,
		action: 'admin.two_factor.require',
		resource: `municipality/${actor.municipalityId}`,
		channel: 'action',
		decision: authorizeAdmin(actor, 'users.manage'),
		details: { roles }
	});
}

export const inviteSchema = z.object({
	name: typedText().min(2).max(120),
	email: z.email().max(254),
	role: z.enum(['case_manager', 'team_leader', 'partner', 'admin']),
	organisationId: z.uuid().optional(),
	fte: z.coerce.number().min(0.1).max(1).default(1)
});

/**
 * Creates the account without a password and returns a one-time link for the person to set one.
 * Staff belong to an ICM team, partners to a partner organisation, administrators to neither.
 */
export async function inviteUser(db: Database, actor: Actor, input: z.infer<typeof inviteSchema>) {
	requireAdmin(actor);
	const isAdmin = input.role === 'admin';
	let organisationId: string | null = null;
	if (!isAdmin) {
		const [organisation] = input.organisationId
			? await db
					.select({ kind: organisations.kind })
					.from(organisations)
					.where(
						and(
							eq(organisations.id, input.organisationId),
							eq(organisations.municipalityId, actor.municipalityId)
						)
					)
			: [];
		const isStaff = input.role === 'case_manager' || input.role === 'team_leader';
		if (!organisation || (organisation.kind === 'icm_team') !== isStaff) {
			throw new AdminError('organisation');
		}
		organisationId = input.organisationId!;
	}
	const [existing] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
	if (existing) throw new AdminError('email_taken');
	const [user] = await db
		.insert(users)
		.values({
			municipalityId: actor.municipalityId,
			organisationId,
			role: input.role,
			name: input.name,
			email: input.email.toLowerCase(),
			fte: input.role === 'case_manager' ? input.fte : 1
		})
		.returning({ id: users.id });
	const invitation = await createInvitation(db, user!.id, actor.userId);
	await recordAudit(db, {
		actor,
		action: 'admin.user.invite',
		resource: `user/${user!.id}`,
		channel: 'action',
		decision: authorizeAdmin(actor, 'users.manage'),
		details: { role: input.role }
	});
	return { userId: user!.id, ...invitation };
}

/** A new one-time link for someone who lost theirs or forgot their password. */
export async function reinviteUser(db: Database, actor: Actor, userId: string) {
	requireAdmin(actor);
	const [user] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.id, userId), eq(users.municipalityId, actor.municipalityId)));
	if (!user) throw new AdminError('forbidden');
	return createInvitation(db, user.id, actor.userId);
}

/** Deactivating ends every session of the user at once; the history they wrote stays. */
export async function setUserActive(db: Database, actor: Actor, userId: string, active: boolean) {
	requireAdmin(actor);
	if (userId === actor.userId) throw new AdminError('self');
	const updated = await db
		.update(users)
		.set({ active, deactivatedAt: active ? null : new Date() })
		.where(and(eq(users.id, userId), eq(users.municipalityId, actor.municipalityId)))
		.returning({ id: users.id });
	if (updated.length === 0) throw new AdminError('forbidden');
	const sessionsEnded = active ? 0 : await endAllSessionsOf(db, userId);
	await recordAudit(db, {
		actor,
		action: active ? 'admin.user.activate' : 'admin.user.deactivate',
		resource: `user/${userId}`,
		channel: 'action',
		decision: authorizeAdmin(actor, 'users.manage'),
		details: active ? undefined : { sessions: sessionsEnded }
	});
}

/**
 * Signs a user out everywhere without deactivating them (ASVS 7.4.5): a lost phone, a shared
 * computer left signed in. Refusals are recorded too. Administrators end their own sessions from
 * "Min konto", where the current one is handled with its cookie.
 */
export async function endUserSessions(db: Database, actor: Actor, userId: string) {
	const decision = authorizeAdmin(actor, 'users.manage');
	const record = (outcome: Decision, details: Record<string, unknown> = {}) =>
		recordAudit(db, {
			actor,
			action: 'session.revoke_all_by_admin',
			resource: `user/${userId}`,
			channel: 'action',
			decision: outcome,
			details
		});
	if (!decision.allowed) {
		await record(decision);
		throw new AdminError('forbidden');
	}
	if (userId === actor.userId) throw new AdminError('self_sessions');
	const [user] = await db
		.select({ name: users.name })
		.from(users)
		.where(and(eq(users.id, userId), eq(users.municipalityId, actor.municipalityId)));
	if (!user) {
		await record({ allowed: false, reason: 'user outside the municipality', grant: null });
		throw new AdminError('forbidden');
	}
	const ended = await endAllSessionsOf(db, userId);
	await record(decision, { sessions: ended });
	return { ended, name: user.name };
}
