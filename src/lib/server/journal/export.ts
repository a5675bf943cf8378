import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import {
	citizens,
	contactParticipants,
	contacts,
	municipalities,
	organisations,
	teamSettings,
	users
} from '../db/schema';
import type { Actor } from '../policy';
import { addendaOf, CONTACT_KINDS, CONTACT_PLACES, JournalError, revisionsOf } from './contacts';

type ContactKind = (typeof CONTACT_KINDS)[number];
type ContactPlace = (typeof CONTACT_PLACES)[number];

/**
 * What an entry said before a correction, as correctContact stored it. Read field by field so
 * that one odd old row still shows what it has rather than hiding the whole correction.
 */
const previousSchema = z.object({
	occurredAt: z.coerce.date().optional().catch(undefined),
	kind: z.enum(CONTACT_KINDS).optional().catch(undefined),
	place: z.enum(CONTACT_PLACES).optional().catch(undefined),
	durationMinutes: z.number().int().optional().catch(undefined),
	note: z.string().optional().catch(undefined)
});

export interface PrintableEntry {
	id: string;
	occurredAt: Date;
	createdAt: Date;
	kind: ContactKind;
	place: ContactPlace;
	durationMinutes: number;
	note: string;
	author: string;
	participants: { name: string; organisation: string | null }[];
	/** Oldest correction first; `previous` is what the entry said before that correction. */
	corrections: {
		revision: number;
		revisedAt: Date;
		revisedBy: string;
		previous: z.infer<typeof previousSchema>;
	}[];
	addenda: { createdAt: Date; author: string; text: string }[];
}

export interface PrintableJournal {
	citizenName: string;
	teamName: string;
	municipalityName: string;
	/** The team's correction window, which the notatpligt footer explains. */
	correctionHours: number;
	printedAt: Date;
	printedBy: string;
	/** Oldest first, as a journal is read on paper. */
	entries: PrintableEntry[];
}

/**
 * The whole journal of one citizen for print or PDF: every entry oldest first, with each
 * correction's earlier text and every addendum, so the paper copy shows the same history as the
 * screen (notatpligt). A read of the journal: through the policy, audit-logged as an export.
 */
export async function readPrintableJournal(
	db: Database,
	actor: Actor,
	citizenId: string,
	now: Date = new Date()
): Promise<PrintableJournal> {
	const decision = await authorizeAndAudit(
		db,
		actor,
		'journal.read',
		{ citizenId, name: `citizen/${citizenId}/journal` },
		{ channel: 'page', purpose: 'journal export' }
	);
	if (!decision.allowed) throw new JournalError('forbidden');

	const [citizen] = await db
		.select({
			firstName: citizens.firstName,
			lastName: citizens.lastName,
			teamName: organisations.name,
			municipalityName: municipalities.name,
			correctionHours: teamSettings.journalCorrectionHours
		})
		.from(citizens)
		.innerJoin(organisations, eq(organisations.id, citizens.teamId))
		.innerJoin(municipalities, eq(municipalities.id, citizens.municipalityId))
		.leftJoin(teamSettings, eq(teamSettings.teamId, citizens.teamId))
		.where(eq(citizens.id, citizenId));
	if (!citizen) throw new JournalError('not_found');

	const rows = await db
		.select({
			id: contacts.id,
			occurredAt: contacts.occurredAt,
			createdAt: contacts.createdAt,
			kind: contacts.kind,
			place: contacts.place,
			durationMinutes: contacts.durationMinutes,
			note: contacts.note,
			author: users.name
		})
		.from(contacts)
		.innerJoin(users, eq(users.id, contacts.authorId))
		.where(eq(contacts.citizenId, citizenId))
		.orderBy(asc(contacts.occurredAt), asc(contacts.createdAt), asc(contacts.id));
	const ids = rows.map((r) => r.id);

	const [participants, revisions, addenda] = ids.length
		? await Promise.all([
				db
					.select({
						contactId: contactParticipants.contactId,
						name: contactParticipants.name,
						organisation: organisations.name
					})
					.from(contactParticipants)
					.leftJoin(organisations, eq(organisations.id, contactParticipants.organisationId))
					.where(inArray(contactParticipants.contactId, ids))
					.orderBy(asc(contactParticipants.name)),
				revisionsOf(db, ids),
				addendaOf(db, ids)
			])
		: [[], [], []];

	return {
		citizenName: `${citizen.firstName} ${citizen.lastName}`,
		teamName: citizen.teamName,
		municipalityName: citizen.municipalityName,
		correctionHours: citizen.correctionHours ?? 24,
		printedAt: now,
		printedBy: actor.name,
		entries: rows.map((row) => ({
			...row,
			participants: participants
				.filter((p) => p.contactId === row.id)
				.map(({ name, organisation }) => ({ name, organisation })),
			corrections: revisions
				.filter((r) => r.contactId === row.id)
				.map(({ revision, revisedAt, revisedBy, previous }) => ({
					revision,
					revisedAt,
					revisedBy,
					previous: previousSchema.catch({}).parse(previous)
				})),
			addenda: addenda
				.filter((a) => a.contactId === row.id)
				.map(({ createdAt, author, text }) => ({ createdAt, author, text }))
		}))
	};
}
