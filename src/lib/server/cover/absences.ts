import { and, desc, eq, gt, isNull, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { fromCopenhagenLocal } from '../../dates';
import { recordAudit } from '../audit';
import type { Database } from '../db/client';
import { absences, absenceKind, coverGrants, users } from '../db/schema';
import { authorizeAbsence, type Actor } from '../policy';
import { CoverError } from './errors';
import { fitGrantsToAbsence, reproposeCoversOf } from './grant-windows';
import { announceCoverChange } from './announce';
import { citizensNeedingCover, storeProposals } from './proposals';
import { overlapping, type TimeWindow } from './window';
import { lockUntilCommit } from '../db/lock';
import { typedText } from '../db/storable-text';

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/** The absence form, as posted: Copenhagen wall time to the minute. */
export const absenceInput = z
	.object({
		userId: z.uuid(),
		kind: z.enum(absenceKind.enumValues),
		startsAt: localDateTime,
		endsAt: z.union([localDateTime, z.literal('')]).optional(),
		note: typedText().max(500).optional()
	})
	.refine((v) => v.kind === 'sick' || !!v.endsAt, { message: 'ends_required', path: ['endsAt'] });

export type AbsenceInput = z.infer<typeof absenceInput>;

export const absenceEndInput = z.object({
	absenceId: z.uuid(),
	endsAt: z.union([localDateTime, z.literal('')])
});

interface Subject {
	userId: string;
	teamId: string | null;
	role: string;
	name: string;
}

async function subjectOf(db: Database, userId: string): Promise<Subject> {
	const [user] = await db
		.select({ userId: users.id, teamId: users.organisationId, role: users.role, name: users.name })
		.from(users)
		.where(and(eq(users.id, userId), eq(users.active, true)));
	if (!user) throw new CoverError('not_found');
	return user;
}

async function requireRight(
	db: Database,
	actor: Actor,
	subject: Subject,
	action: 'absence.register' | 'absence.change' | 'absence.cancel'
) {
	const decision = authorizeAbsence(actor, subject);
	await recordAudit(db, {
		actor,
		action,
		resource: `user/${subject.userId}/absences`,
		channel: 'action',
		decision,
		purpose: 'absence and cover'
	});
	if (!decision.allowed) throw new CoverError('forbidden');
}

/** Two absences of one person may not overlap: which one would the cover follow? */
async function refuseOverlap(db: Database, userId: string, window: TimeWindow, except?: string) {
	// Serialises concurrent registrations for the same person inside this transaction.
	await lockUntilCommit(db, 'absence', userId);
	const [clash] = await db
		.select({ id: absences.id })
		.from(absences)
		.where(
			and(
				eq(absences.userId, userId),
				isNull(absences.cancelledAt),
				except ? ne(absences.id, except) : undefined,
				overlapping(absences.startsAt, absences.endsAt, window)
			)
		)
		.limit(1);
	if (clash) throw new CoverError('overlap');
}

/**
 * Registers an absence and, for a case manager, proposes a cover colleague for each of their
 * citizens. If the absent person was themselves covering for someone, those citizens are
 * re-proposed to another colleague at once.
 */
export async function registerAbsence(
	db: Database,
	actor: Actor,
	input: AbsenceInput,
	now: Date = new Date()
): Promise<string> {
	const startsAt = fromCopenhagenLocal(input.startsAt);
	const endsAt = input.endsAt ? fromCopenhagenLocal(input.endsAt) : null;
	if (endsAt && endsAt <= startsAt) throw new CoverError('input');
	if (endsAt && endsAt <= now) throw new CoverError('ends_in_past');
	const subject = await subjectOf(db, input.userId);
	const touched: string[] = [];
	const id = await db.transaction(async (tx) => {
		await requireRight(tx, actor, subject, 'absence.register');
		const window = { startsAt, endsAt };
		await refuseOverlap(tx, subject.userId, window);
		const [absence] = await tx
			.insert(absences)
			.values({
				userId: subject.userId,
				kind: input.kind,
				startsAt,
				endsAt,
				note: input.note || null,
				enteredBy: actor.userId
			})
			.returning({ id: absences.id });
		if (subject.role === 'case_manager' && subject.teamId) {
			await storeProposals(tx, {
				absenceId: absence!.id,
				absentUserId: subject.userId,
				teamId: subject.teamId,
				window,
				citizenIds: await citizensNeedingCover(tx, subject.userId),
				proposedBy: actor.userId
			});
			touched.push(...(await reproposeCoversOf(tx, subject.userId, actor.userId)));
		}
		return absence!.id;
	});
	await announceCoverChange(db, { teamId: subject.teamId, citizenIds: touched });
	return id;
}

async function openAbsence(db: Database, absenceId: string) {
	const [absence] = await db
		.select()
		.from(absences)
		.where(and(eq(absences.id, absenceId), isNull(absences.cancelledAt)));
	if (!absence) throw new CoverError('not_found');
	return absence;
}

/**
 * Moves the end of an absence: earlier (back at work early, "now" included), later (still
 * sick), or open-ended. Cover grants follow to the minute; open connections are re-checked.
 */
export async function changeAbsenceEnd(
	db: Database,
	actor: Actor,
	absenceId: string,
	newEnd: Date | null,
	now: Date = new Date()
): Promise<void> {
	const touched: string[] = [];
	let teamId: string | null = null;
	await db.transaction(async (tx) => {
		const absence = await openAbsence(tx, absenceId);
		const subject = await subjectOf(tx, absence.userId);
		teamId = subject.teamId;
		await requireRight(tx, actor, subject, 'absence.change');
		if (absence.endsAt && absence.endsAt <= now) throw new CoverError('already_ended');
		if (newEnd && newEnd < now) throw new CoverError('ends_in_past');
		if (newEnd && newEnd <= absence.startsAt) throw new CoverError('input');
		const after = { startsAt: absence.startsAt, endsAt: newEnd };
		await refuseOverlap(tx, absence.userId, after, absence.id);
		await tx
			.update(absences)
			.set({ endsAt: newEnd, updatedAt: now })
			.where(eq(absences.id, absence.id));
		touched.push(...(await fitGrantsToAbsence(tx, absence.id, absence, after)));
		// Longer away: the colleague's own covers during the extension must go to someone else.
		touched.push(...(await reproposeCoversOf(tx, absence.userId, actor.userId)));
	});
	await announceCoverChange(db, { teamId, citizenIds: touched, accessEnded: true });
}

/** A planned absence that will not happen. One that has started is ended instead. */
export async function cancelAbsence(
	db: Database,
	actor: Actor,
	absenceId: string,
	now: Date = new Date()
): Promise<void> {
	const touched: string[] = [];
	let teamId: string | null = null;
	await db.transaction(async (tx) => {
		const absence = await openAbsence(tx, absenceId);
		const subject = await subjectOf(tx, absence.userId);
		teamId = subject.teamId;
		await requireRight(tx, actor, subject, 'absence.cancel');
		if (absence.startsAt <= now) throw new CoverError('already_started');
		await tx
			.update(absences)
			.set({ cancelledAt: now, updatedAt: now })
			.where(eq(absences.id, absence.id));
		const revoked = await tx
			.update(coverGrants)
			.set({ revokedAt: now, revokedReason: 'absence_cancelled' })
			.where(and(eq(coverGrants.absenceId, absence.id), isNull(coverGrants.revokedAt)))
			.returning({ citizenId: coverGrants.citizenId });
		touched.push(...revoked.map((r) => r.citizenId));
	});
	await announceCoverChange(db, { teamId, citizenIds: touched, accessEnded: true });
}

export interface AbsenceRow {
	id: string;
	userId: string;
	userName: string;
	kind: (typeof absenceKind.enumValues)[number];
	startsAt: Date;
	endsAt: Date | null;
	note: string | null;
}

/** Current and coming absences of the given people (a team, or oneself), soonest first. */
export async function listAbsences(
	db: Database,
	filter: { teamId: string } | { userId: string },
	now: Date = new Date()
): Promise<AbsenceRow[]> {
	return db
		.select({
			id: absences.id,
			userId: absences.userId,
			userName: users.name,
			kind: absences.kind,
			startsAt: absences.startsAt,
			endsAt: absences.endsAt,
			note: absences.note
		})
		.from(absences)
		.innerJoin(users, eq(users.id, absences.userId))
		.where(
			and(
				'teamId' in filter
					? eq(users.organisationId, filter.teamId)
					: eq(absences.userId, filter.userId),
				isNull(absences.cancelledAt),
				or(isNull(absences.endsAt), gt(absences.endsAt, now))
			)
		)
		.orderBy(absences.startsAt, desc(absences.createdAt));
}
