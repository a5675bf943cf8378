import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit';
import { authorizeAndAudit, authorizeAndAuditMany } from '../audit/authorize';
import type { Database } from '../db/client';
import {
	assignments,
	citizenStatusHistory,
	citizens,
	housingHistory,
	housingSituation,
	teamSettings,
	users
} from '../db/schema';
import { authorizeTeam, type Actor } from '../policy';
import { runtime } from '../runtime';
import { copenhagenDate } from '../../dates';
import { capacityOf } from './capacity';
import { CaseloadError } from './errors';
import { requireReceiver, wouldExceedCapacity } from './receiver';
import { lockUntilCommit } from '../db/lock';
import { typedText } from '../db/storable-text';

const name = typedText().min(1).max(100);
const reasonText = typedText().min(3).max(500);

/** A new referral (visitation) to the team, as the team leader records it. */
export const referralInput = z.object({
	firstName: name,
	lastName: name,
	birthDate: z.union([z.iso.date(), z.literal('')]).optional(),
	phone: typedText().max(30).optional(),
	housing: z.enum(housingSituation.enumValues),
	note: typedText().max(500).optional()
});

export async function registerReferral(
	db: Database,
	actor: Actor,
	teamId: string,
	input: z.input<typeof referralInput>,
	now: Date = new Date()
): Promise<string> {
	const parsed = referralInput.safeParse(input);
	if (!parsed.success) throw new CaseloadError('input');
	const decision = authorizeTeam(actor, 'team.caseload.manage', teamId);
	if (!decision.allowed) throw new CaseloadError('forbidden');
	const referral = parsed.data;
	const id = await db.transaction(async (tx) => {
		const [citizen] = await tx
			.insert(citizens)
			.values({
				municipalityId: actor.municipalityId,
				teamId,
				firstName: referral.firstName,
				lastName: referral.lastName,
				birthDate: referral.birthDate || null,
				phone: referral.phone || null,
				status: 'referred',
				referredAt: now
			})
			.returning({ id: citizens.id });
		await tx.insert(housingHistory).values({
			citizenId: citizen!.id,
			situation: referral.housing,
			fromDate: copenhagenDate(now),
			recordedBy: actor.userId
		});
		await tx.insert(citizenStatusHistory).values({
			citizenId: citizen!.id,
			status: 'referred',
			changedAt: now,
			changedBy: actor.userId,
			reason: referral.note || null
		});
		return citizen!.id;
	});
	await recordAudit(db, {
		actor,
		citizenId: id,
		action: 'citizen.facts.write',
		resource: `citizen/${id}`,
		channel: 'action',
		decision,
		purpose: 'referral',
		at: now
	});
	runtime().publish?.({ topic: 'caseload', rooms: [`team:${teamId}`], payload: { citizenId: id } });
	return id;
}

export interface CaseManagerRoom {
	id: string;
	name: string;
	load: number;
	capacity: number;
	available: boolean;
}

export interface Referral {
	id: string;
	name: string;
	referredAt: Date;
	housing: string | null;
	/** Case managers the citizen had before (a reopened case): continuity comes first. */
	earlier: { id: string; name: string }[];
	/** `none_free`: nobody in the team has a place; the least full is named, never as "most room". */
	suggestion: {
		id: string;
		why: 'earlier' | 'most_room' | 'none_free';
		overCapacity: boolean;
	} | null;
}

/**
 * The team's referrals waiting for a case manager, each with a suggestion: the citizen's earlier
 * case manager if they have room, else whoever has the most room (the method's cap of 8 per post).
 */
export async function listReferrals(
	db: Database,
	actor: Actor,
	teamId: string,
	now: Date = new Date()
): Promise<{ referrals: Referral[]; caseManagers: CaseManagerRoom[] }> {
	const decision = authorizeTeam(actor, 'team.caseload.manage', teamId);
	await recordAudit(db, {
		actor,
		action: 'team.referrals.read',
		resource: `team/${teamId}/referrals`,
		channel: 'page',
		decision,
		purpose: 'referral',
		at: now
	});
	if (!decision.allowed) throw new CaseloadError('forbidden');
	const caseManagers = await roomInTeam(db, teamId, now);
	const rows = await db
		.select({
			id: citizens.id,
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			referredAt: citizens.referredAt,
			housing: housingHistory.situation
		})
		.from(citizens)
		.leftJoin(
			housingHistory,
			and(eq(housingHistory.citizenId, citizens.id), isNull(housingHistory.toDate))
		)
		.where(and(eq(citizens.teamId, teamId), eq(citizens.status, 'referred')))
		.orderBy(citizens.referredAt);
	const { decisions: identity } = await authorizeAndAuditMany(
		db,
		actor,
		'citizen.identity.read',
		rows.map((r) => r.id),
		{
			resource: `team/${teamId}/referrals`,
			channel: 'page',
			purpose: 'referral',
			at: now,
			record: 'allowed'
		}
	);
	const shown = rows.filter((r) => identity.get(r.id)?.allowed);
	const history =
		shown.length === 0
			? []
			: await db
					.selectDistinct({
						citizenId: assignments.citizenId,
						id: users.id,
						name: users.name,
						endedAt: assignments.endedAt
					})
					.from(assignments)
					.innerJoin(users, eq(users.id, assignments.caseManagerId))
					.where(
						and(
							inArray(
								assignments.citizenId,
								shown.map((r) => r.id)
							),
							isNotNull(assignments.endedAt)
						)
					)
					.orderBy(desc(assignments.endedAt));

	// Places handed out in this list count, so two referrals are not both sent to the last place.
	const room = new Map(caseManagers.map((m) => [m.id, m.capacity - m.load]));
	const referrals = shown.map((r): Referral => {
		const earlier = [
			...new Map(
				history.filter((h) => h.citizenId === r.id).map((h) => [h.id, { id: h.id, name: h.name }])
			).values()
		];
		const available = caseManagers.filter((m) => m.available);
		const previous = earlier
			.map((e) => available.find((m) => m.id === e.id))
			.find((m) => m && (room.get(m.id) ?? 0) > 0);
		const roomiest = [...available].sort(
			(a, b) => (room.get(b.id) ?? 0) - (room.get(a.id) ?? 0) || a.name.localeCompare(b.name, 'da')
		)[0];
		const chosen = previous ?? roomiest;
		if (!chosen) return { ...base(r), earlier, suggestion: null };
		const left = room.get(chosen.id) ?? 0;
		room.set(chosen.id, left - 1);
		return {
			...base(r),
			earlier,
			suggestion: {
				id: chosen.id,
				why: previous ? 'earlier' : left > 0 ? 'most_room' : 'none_free',
				overCapacity: left <= 0
			}
		};
	});
	return { referrals, caseManagers };
}

function base(r: {
	id: string;
	firstName: string;
	lastName: string;
	referredAt: Date;
	housing: string | null;
}) {
	return {
		id: r.id,
		name: `${r.firstName} ${r.lastName}`,
		referredAt: r.referredAt,
		housing: r.housing
	};
}

async function roomInTeam(db: Database, teamId: string, now: Date): Promise<CaseManagerRoom[]> {
	const [settings] = await db
		.select({ perFte: teamSettings.capacityPerFte })
		.from(teamSettings)
		.where(eq(teamSettings.teamId, teamId));
	const rows = await db
		.select({
			id: users.id,
			name: users.name,
			fte: users.fte,
			load: sql<number>`(select count(*) from assignments a join citizens c on c.id = a.citizen_id
				where a.case_manager_id = users.id and a.ended_at is null and c.status = 'active')`.mapWith(Number),
			away: sql<boolean>`exists (select 1 from absences ab where ab.user_id = users.id
				and ab.cancelled_at is null and ab.starts_at <= ${now.toISOString()}::timestamptz
				and (ab.ends_at is null or ab.ends_at > ${now.toISOString()}::timestamptz))`
		})
		.from(users)
		.where(
			and(eq(users.organisationId, teamId), eq(users.role, 'case_manager'), eq(users.active, true))
		)
		.orderBy(users.name);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		load: r.load,
		capacity: capacityOf(r.fte, settings?.perFte ?? undefined),
		available: !r.away
	}));
}

export const startSupportInput = z.object({
	citizenId: z.uuid(),
	caseManagerId: z.uuid(),
	reason: reasonText,
	overrideReason: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || undefined)
		.pipe(reasonText.optional())
});

/** A referral gets its one fixed case manager: the ICM course starts. */
export async function startSupport(
	db: Database,
	actor: Actor,
	input: z.input<typeof startSupportInput>,
	now: Date = new Date()
): Promise<void> {
	const parsed = startSupportInput.safeParse(input);
	if (!parsed.success) throw new CaseloadError('input');
	const { citizenId, caseManagerId, reason, overrideReason } = parsed.data;
	const decision = await authorizeAndAudit(
		db,
		actor,
		'citizen.assign',
		{ citizenId, name: `citizen/${citizenId}/assignment` },
		{ channel: 'action', purpose: 'referral', at: now }
	);
	if (!decision.allowed) throw new CaseloadError('forbidden');
	const teamId = await db.transaction(async (tx) => {
		await lockUntilCommit(tx, 'assignment', citizenId);
		const [citizen] = await tx
			.select({ teamId: citizens.teamId, status: citizens.status })
			.from(citizens)
			.where(eq(citizens.id, citizenId));
		if (!citizen) throw new CaseloadError('not_found');
		if (citizen.status !== 'referred') throw new CaseloadError('conflict');
		await requireReceiver(tx, caseManagerId, citizen.teamId, now);
		await lockUntilCommit(tx, 'caseload', caseManagerId);
		const overCapacity = await wouldExceedCapacity(tx, caseManagerId, citizen.teamId);
		if (overCapacity && !overrideReason) throw new CaseloadError('over_capacity');
		await tx.insert(assignments).values({
			citizenId,
			caseManagerId,
			startedAt: now,
			startReason: reason,
			capacityOverrideReason: overCapacity ? overrideReason : null,
			createdBy: actor.userId
		});
		await tx
			.update(citizens)
			.set({ status: 'active', supportAfter: null, updatedAt: now })
			.where(eq(citizens.id, citizenId));
		await tx.insert(citizenStatusHistory).values({
			citizenId,
			status: 'active',
			changedAt: now,
			changedBy: actor.userId,
			reason
		});
		return citizen.teamId;
	});
	runtime().publish?.({
		topic: 'caseload',
		rooms: [`team:${teamId}`, `user:${caseManagerId}`],
		payload: { citizenId }
	});
}
