import { addMinutes, differenceInMinutes, subYears } from 'date-fns';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import {
	assignments,
	citizens,
	contactAddenda,
	contactRevisions,
	contacts,
	teamSettings,
	users
} from '../db/schema';
import type { Actor } from '../policy';
import { runtimeIfStarted } from '../runtime';
import { typedText } from '../db/storable-text';

export class JournalError extends Error {
	constructor(
		readonly code: 'forbidden' | 'not_found' | 'not_author' | 'window_closed' | 'conflict'
	) {
		super(code);
	}
}

export const CONTACT_KINDS = ['visit', 'phone', 'sms', 'bisidder', 'meeting', 'attempt'] as const;
export const CONTACT_PLACES = [
	'street',
	'shelter',
	'own_home',
	'partner_office',
	'phone',
	'other'
] as const;

/** A contact may be logged a little ahead (clocks differ), never for the future. */
const FUTURE_TOLERANCE_MINUTES = 10;
/** Twelve hours is the longest plausible single contact (a day at the hospital as bisidder). */
const MAX_DURATION_MINUTES = 720;

export function contactSchema(now: Date) {
	return z.object({
		clientId: z.uuid(),
		occurredAt: z.coerce
			.date()
			.refine((d) => d <= addMinutes(now, FUTURE_TOLERANCE_MINUTES), 'future')
			.refine((d) => d >= subYears(now, 1), 'too_old'),
		kind: z.enum(CONTACT_KINDS),
		place: z.enum(CONTACT_PLACES),
		durationMinutes: z.coerce
			.number()
			.int('duration')
			.min(0, 'duration')
			.max(MAX_DURATION_MINUTES, 'duration'),
		note: typedText().max(4000, 'note_too_long').default('')
	});
}
export type ContactInput = z.infer<ReturnType<typeof contactSchema>>;

async function requireJournal(
	db: Database,
	actor: Actor,
	citizenId: string,
	action: 'journal.read' | 'journal.write',
	channel: 'page' | 'action' | 'api'
) {
	const decision = await authorizeAndAudit(
		db,
		actor,
		action,
		{ citizenId, name: `citizen/${citizenId}/journal` },
		{ channel, purpose: 'journal' }
	);
	if (!decision.allowed) throw new JournalError('forbidden');
}

/**
 * Logs a contact. The client chooses the id, so an entry written offline and sent again after
 * reconnecting is stored exactly once.
 */
export async function logContact(
	db: Database,
	actor: Actor,
	citizenId: string,
	input: ContactInput,
	channel: 'action' | 'api' = 'action'
): Promise<{ id: string; created: boolean }> {
	await requireJournal(db, actor, citizenId, 'journal.write', channel);
	const inserted = await db
		.insert(contacts)
		.values({ ...input, citizenId, authorId: actor.userId })
		.onConflictDoNothing({ target: contacts.clientId })
		.returning({ id: contacts.id });
	if (inserted[0]) {
		await announceContact(db, actor, citizenId);
		return { id: inserted[0].id, created: true };
	}
	const [existing] = await db
		.select({ id: contacts.id, citizenId: contacts.citizenId, authorId: contacts.authorId })
		.from(contacts)
		.where(eq(contacts.clientId, input.clientId));
	if (!existing || existing.citizenId !== citizenId || existing.authorId !== actor.userId) {
		throw new JournalError('conflict');
	}
	return { id: existing.id, created: false };
}

/**
 * A stored contact can end a lost-contact alert: the team leader's dashboard, the author's and
 * the primary case manager's pages refresh. A replayed entry changed nothing and says nothing.
 */
async function announceContact(db: Database, actor: Actor, citizenId: string): Promise<void> {
	const publish = runtimeIfStarted()?.publish;
	if (!publish) return;
	const [citizen] = await db
		.select({ teamId: citizens.teamId, primaryId: assignments.caseManagerId })
		.from(citizens)
		.leftJoin(assignments, and(eq(assignments.citizenId, citizens.id), isNull(assignments.endedAt)))
		.where(eq(citizens.id, citizenId));
	const rooms = new Set([`user:${actor.userId}`]);
	if (citizen) rooms.add(`team:${citizen.teamId}`);
	if (citizen?.primaryId) rooms.add(`user:${citizen.primaryId}`);
	publish({ topic: 'journal', rooms: [...rooms], payload: { citizenId } });
}

async function correctionHours(db: Database, citizenId: string): Promise<number> {
	const [row] = await db
		.select({ hours: teamSettings.journalCorrectionHours })
		.from(citizens)
		.leftJoin(teamSettings, eq(teamSettings.teamId, citizens.teamId))
		.where(eq(citizens.id, citizenId));
	return row?.hours ?? 24;
}

/**
 * The author may correct an entry within the team's correction window (default 24 hours);
 * what it said before is kept. After the window, only addenda.
 */
export async function correctContact(
	db: Database,
	actor: Actor,
	citizenId: string,
	contactId: string,
	changes: Omit<ContactInput, 'clientId'>,
	now: Date = new Date()
): Promise<void> {
	await requireJournal(db, actor, citizenId, 'journal.write', 'action');
	const hours = await correctionHours(db, citizenId);
	await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(contacts)
			.where(and(eq(contacts.id, contactId), eq(contacts.citizenId, citizenId)))
			.for('update');
		if (!current) throw new JournalError('not_found');
		if (current.authorId !== actor.userId) throw new JournalError('not_author');
		if (differenceInMinutes(now, current.createdAt) >= hours * 60) {
			throw new JournalError('window_closed');
		}
		const [last] = await tx
			.select({ n: sql<number>`coalesce(max(${contactRevisions.revision}), 0)`.mapWith(Number) })
			.from(contactRevisions)
			.where(eq(contactRevisions.contactId, contactId));
		await tx.insert(contactRevisions).values({
			contactId,
			revision: (last?.n ?? 0) + 1,
			previous: {
				occurredAt: current.occurredAt.toISOString(),
				kind: current.kind,
				place: current.place,
				durationMinutes: current.durationMinutes,
				note: current.note
			},
			revisedBy: actor.userId,
			revisedAt: now
		});
		await tx
			.update(contacts)
			.set({ ...changes, updatedAt: now })
			.where(eq(contacts.id, contactId));
	});
}

export async function addAddendum(
	db: Database,
	actor: Actor,
	citizenId: string,
	contactId: string,
	text: string
): Promise<void> {
	await requireJournal(db, actor, citizenId, 'journal.write', 'action');
	const [contact] = await db
		.select({ id: contacts.id })
		.from(contacts)
		.where(and(eq(contacts.id, contactId), eq(contacts.citizenId, citizenId)));
	if (!contact) throw new JournalError('not_found');
	await db.insert(contactAddenda).values({ contactId, authorId: actor.userId, text });
}

/** The journal, newest first, with every correction and addendum visible. */
export async function readJournal(db: Database, actor: Actor, citizenId: string, now = new Date()) {
	await requireJournal(db, actor, citizenId, 'journal.read', 'page');
	const hours = await correctionHours(db, citizenId);
	const entries = await db
		.select({
			id: contacts.id,
			occurredAt: contacts.occurredAt,
			kind: contacts.kind,
			place: contacts.place,
			durationMinutes: contacts.durationMinutes,
			note: contacts.note,
			createdAt: contacts.createdAt,
			authorId: contacts.authorId,
			author: users.name
		})
		.from(contacts)
		.innerJoin(users, eq(users.id, contacts.authorId))
		.where(eq(contacts.citizenId, citizenId))
		.orderBy(desc(contacts.occurredAt))
		.limit(200);
	const ids = entries.map((e) => e.id);
	const [revisions, addenda] = await Promise.all([revisionsOf(db, ids), addendaOf(db, ids)]);
	return entries.map((entry) => ({
		...entry,
		correctable:
			entry.authorId === actor.userId && differenceInMinutes(now, entry.createdAt) < hours * 60,
		revisions: revisions.filter((r) => r.contactId === entry.id),
		addenda: addenda.filter((a) => a.contactId === entry.id)
	}));
}

/** Every correction of these entries, oldest first: what each said before, who changed it, when. */
export async function revisionsOf(db: Database, contactIds: readonly string[]) {
	if (contactIds.length === 0) return [];
	return db
		.select({
			contactId: contactRevisions.contactId,
			revision: contactRevisions.revision,
			previous: contactRevisions.previous,
			revisedAt: contactRevisions.revisedAt,
			revisedBy: users.name
		})
		.from(contactRevisions)
		.innerJoin(users, eq(users.id, contactRevisions.revisedBy))
		.where(inArray(contactRevisions.contactId, [...contactIds]))
		.orderBy(asc(contactRevisions.revision));
}

/** The addenda of these entries, in the order they were written. */
export async function addendaOf(db: Database, contactIds: readonly string[]) {
	if (contactIds.length === 0) return [];
	return db
		.select({
			contactId: contactAddenda.contactId,
			text: contactAddenda.text,
			createdAt: contactAddenda.createdAt,
			author: users.name
		})
		.from(contactAddenda)
		.innerJoin(users, eq(users.id, contactAddenda.authorId))
		.where(inArray(contactAddenda.contactId, [...contactIds]))
		.orderBy(asc(contactAddenda.createdAt), asc(contactAddenda.id));
}
