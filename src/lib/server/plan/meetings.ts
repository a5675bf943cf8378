import type { AuditPurpose } from '../../audit/codes';
import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import {
	auditEvents,
	meetings,
	organisations,
	planDocuments,
	planUpdates,
	planVersions,
	users
} from '../db/schema';
import type { Actor } from '../policy';
import { lockUntilCommit } from '../db/lock';

export class MeetingError extends Error {
	constructor(readonly code: 'forbidden' | 'already_open' | 'not_open') {
		super(code);
	}
}

export interface Participant {
	name: string;
	organisation: string | null;
}

export interface OpenMeeting {
	id: string;
	startedAt: Date;
	startedBy: string;
	citizenPresent: boolean;
}

/** Starting and ending a meeting is the case work of the citizen's own case manager (or cover). */
async function requireCaseWork(db: Database, actor: Actor, citizenId: string, what: AuditPurpose) {
	const decision = await authorizeAndAudit(
		db,
		actor,
		'plan.write',
		{ citizenId, name: `plan/${citizenId}/meeting` },
		{ channel: 'action', purpose: what }
	);
	if (!decision.allowed) throw new MeetingError('forbidden');
}

export async function openMeeting(db: Database, citizenId: string): Promise<OpenMeeting | null> {
	const [row] = await db
		.select({
			id: meetings.id,
			startedAt: meetings.startedAt,
			startedBy: users.name,
			citizenPresent: meetings.citizenPresent
		})
		.from(meetings)
		.innerJoin(users, eq(users.id, meetings.startedBy))
		.where(and(eq(meetings.citizenId, citizenId), isNull(meetings.endedAt)))
		.orderBy(desc(meetings.startedAt))
		.limit(1);
	return row ? { ...row, citizenPresent: row.citizenPresent === 'yes' } : null;
}

export async function startMeeting(
	db: Database,
	actor: Actor,
	citizenId: string,
	citizenPresent: boolean,
	now: Date = new Date()
): Promise<string> {
	await requireCaseWork(db, actor, citizenId, 'plan meeting');
	const id = await db.transaction(async (tx) => {
		await lockUntilCommit(tx, 'meeting', citizenId);
		if (await openMeeting(tx, citizenId)) throw new MeetingError('already_open');
		const [row] = await tx
			.insert(meetings)
			.values({
				citizenId,
				startedAt: now,
				startedBy: actor.userId,
				citizenPresent: citizenPresent ? 'yes' : 'no'
			})
			.returning({ id: meetings.id });
		return row!.id;
	});
	return id;
}

/**
 * Who took part: everyone whose client opened this citizen's plan during the meeting, as the
 * audit log recorded it (so no one can add or hide a name), plus the citizen if ticked.
 */
export async function meetingParticipants(
	db: Database,
	citizenId: string,
	since: Date
): Promise<Participant[]> {
	const rows = await db
		.selectDistinct({ name: users.name, organisation: organisations.name })
		.from(auditEvents)
		.innerJoin(users, eq(users.id, auditEvents.actorId))
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			and(
				eq(auditEvents.citizenId, citizenId),
				eq(auditEvents.channel, 'yjs'),
				eq(auditEvents.allowed, 'allow'),
				gte(auditEvents.at, since)
			)
		)
		.orderBy(users.name);
	return rows;
}

/** Ends the meeting and keeps the plan as it stood then, as an automatic version. */
export async function endMeeting(
	db: Database,
	actor: Actor,
	citizenId: string,
	now: Date = new Date()
): Promise<string> {
	await requireCaseWork(db, actor, citizenId, 'plan meeting');
	const meeting = await openMeeting(db, citizenId);
	if (!meeting) throw new MeetingError('not_open');
	const participants = await meetingParticipants(db, citizenId, meeting.startedAt);
	const versionId = await db.transaction(async (tx) => {
		const ended = await tx
			.update(meetings)
			.set({
				endedAt: now,
				participants: participants.map((p) => ({ ...p, organisation: p.organisation ?? undefined }))
			})
			.where(and(eq(meetings.id, meeting.id), isNull(meetings.endedAt)))
			.returning({ id: meetings.id });
		if (ended.length === 0) throw new MeetingError('not_open');
		const docs = await tx
			.select({ name: planDocuments.name })
			.from(planDocuments)
			.where(eq(planDocuments.citizenId, citizenId));
		const through =
			docs.length === 0
				? []
				: await tx
						.select({
							name: planUpdates.documentName,
							id: sql<number>`max(${planUpdates.id})`.mapWith(Number)
						})
						.from(planUpdates)
						.where(
							inArray(
								planUpdates.documentName,
								docs.map((d) => d.name)
							)
						)
						.groupBy(planUpdates.documentName);
		const [version] = await tx
			.insert(planVersions)
			.values({
				citizenId,
				kind: 'meeting_end',
				name: null,
				throughUpdateIds: Object.fromEntries(through.map((t) => [t.name, t.id])),
				createdBy: actor.userId,
				createdAt: now
			})
			.returning({ id: planVersions.id });
		return version!.id;
	});
	await recordAudit(db, {
		actor,
		citizenId,
		action: 'plan.version.create',
		resource: `plan/${citizenId}/versions/${versionId}`,
		channel: 'action',
		purpose: 'plan meeting',
		at: now
	});
	return versionId;
}
