import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { assignments, consents, coverGrants, users } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/policy/actor';
import type { SectionKey } from '../../src/lib/plan/sections';
import { actorOf, factories } from './factories';

/** Where a cover window lies relative to the clock the question is asked at. */
export type CoverWindow = 'before' | 'at_start' | 'inside' | 'at_end' | 'after' | 'open_ended';

/** The state of the consent that names the partner's own organisation. */
export type ConsentState = 'valid' | 'expired' | 'expires_at_clock' | 'revoked' | 'none';

/** An actor's situation towards one citizen, in the words of the method. */
export type Situation =
	| { role: 'primary' }
	| { role: 'former_primary' }
	| { role: 'colleague' }
	| { role: 'cover'; window: CoverWindow; status?: 'confirmed' | 'proposed' | 'revoked' }
	| { role: 'team_leader'; team: 'own' | 'other' }
	| { role: 'partner'; consent: ConsentState; sections: SectionKey[] }
	| { role: 'admin' };

export interface Party {
	user: typeof users.$inferSelect;
	actor: Actor;
	/** The cover grant or consent row this party holds, whether or not it is in force. */
	grantId: string | null;
	/** When that grant ends by itself (cover window end, consent's last moment); null if never. */
	grantUntil: Date | null;
}

export interface World {
	citizenId: string;
	teamId: string;
	otherTeamId: string;
	primary: Party;
	/** Builds a fresh actor in the given situation towards the world's citizen. */
	party(situation: Situation): Promise<Party>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * One ICM team with one citizen and their primary case manager, plus a second team, seen from the
 * clock `at`. Every window is placed `margin` away from `at` (the boundary cases sit exactly on
 * it), so the same table can be asked at a fixed clock or, with a wider margin, at "now".
 */
export async function buildWorld(db: Database, at: Date, margin = MINUTE): Promise<World> {
	const make = factories(db);
	const team = await make.organisation('icm_team', 'ICM-team Matrix');
	const otherTeam = await make.organisation('icm_team', 'ICM-team Andet');
	const primaryUser = await make.user('case_manager', team.id, { name: 'Primær Sagsbehandler' });
	const citizen = await make.citizen(team.id, primaryUser.id, 'Matrix');
	const shift = (ms: number) => new Date(at.getTime() + ms);
	const workday = 8 * 60 * MINUTE;

	const windows: Record<CoverWindow, { startsAt: Date; endsAt: Date | null }> = {
		before: { startsAt: shift(margin), endsAt: shift(margin + workday) },
		at_start: { startsAt: at, endsAt: shift(workday) },
		inside: { startsAt: shift(-margin), endsAt: shift(workday) },
		at_end: { startsAt: shift(-workday), endsAt: at },
		after: { startsAt: shift(-margin - workday), endsAt: shift(-margin) },
		open_ended: { startsAt: shift(-margin), endsAt: null }
	};

	const withGrant = (
		user: typeof users.$inferSelect,
		grantId: string | null = null,
		grantUntil: Date | null = null
	) => ({
		user,
		actor: actorOf(user),
		grantId,
		grantUntil
	});

	async function party(situation: Situation): Promise<Party> {
		switch (situation.role) {
			case 'primary':
				return withGrant(primaryUser);
			case 'former_primary': {
				const user = await make.user('case_manager', team.id, { name: 'Tidligere Primær' });
				await db.insert(assignments).values({
					citizenId: citizen.id,
					caseManagerId: user.id,
					startedAt: shift(-90 * DAY),
					endedAt: shift(-30 * DAY)
				});
				return withGrant(user);
			}
			case 'colleague':
				return withGrant(await make.user('case_manager', team.id, { name: 'Kollega' }));
			case 'cover': {
				const user = await make.user('case_manager', team.id, { name: 'Dækkende Kollega' });
				const grant = await make.cover(
					citizen.id,
					primaryUser.id,
					user.id,
					windows[situation.window]
				);
				// A revoked grant keeps status 'confirmed' here: the revocation time alone must end
				// access, whatever the status column says; 'proposed' exercises the status.
				if (situation.status === 'proposed') {
					await db
						.update(coverGrants)
						.set({ status: 'proposed' })
						.where(eq(coverGrants.id, grant.id));
				} else if (situation.status === 'revoked') {
					await db
						.update(coverGrants)
						.set({ revokedAt: shift(-margin), revokedReason: 'Kollegaen blev selv syg' })
						.where(eq(coverGrants.id, grant.id));
				}
				return withGrant(user, grant.id, windows[situation.window].endsAt);
			}
			case 'team_leader':
				return withGrant(
					await make.user('team_leader', situation.team === 'own' ? team.id : otherTeam.id)
				);
			case 'partner': {
				const organisation = await make.organisation('jobcenter', 'Jobcenter Matrix');
				const user = await make.user('partner', organisation.id, { name: 'Partner' });
				if (situation.consent === 'none') {
					// The citizen did consent, to another organisation of the same kind.
					const consented = await make.organisation('jobcenter', 'Jobcenter Andet');
					await make.consent(citizen.id, consented.id, situation.sections, {
						recordedBy: primaryUser.id
					});
					return withGrant(user);
				}
				const validUntil = {
					valid: shift(30 * DAY),
					expired: shift(-margin),
					expires_at_clock: at,
					revoked: null
				}[situation.consent];
				const consent = await make.consent(citizen.id, organisation.id, situation.sections, {
					validUntil,
					revokedAt: situation.consent === 'revoked' ? shift(-margin) : null,
					recordedBy: primaryUser.id
				});
				return withGrant(user, consent.id, validUntil);
			}
			case 'admin':
				return withGrant(await make.user('admin', null));
		}
	}

	return {
		citizenId: citizen.id,
		teamId: team.id,
		otherTeamId: otherTeam.id,
		primary: withGrant(primaryUser),
		party
	};
}

/** Withdraws a consent the way the consent page will: the row stays, marked revoked. */
export async function revokeConsent(db: Database, consentId: string, by: string, at = new Date()) {
	await db.update(consents).set({ revokedAt: at, revokedBy: by }).where(eq(consents.id, consentId));
}
