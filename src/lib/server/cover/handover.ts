import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { authorizeAndAuditMany } from '../audit/authorize';
import type { Database } from '../db/client';
import { absences, assignments, citizens, contacts, coverGrants, users } from '../db/schema';
import { authorizeAbsence, type Actor } from '../policy';
import type { SectionKey } from '../../plan/sections';
import { CoverError } from './errors';
import {
	actionChangesIn,
	planChangesIn,
	type ActionChange,
	type SectionChange
} from './plan-activity';

export interface HandoverCitizen {
	citizenId: string;
	name: string;
	coveredBy: string[];
	contacts: {
		occurredAt: Date;
		kind: (typeof contacts.$inferSelect)['kind'];
		author: string;
		minutes: number;
		note: string;
	}[];
	planChanges: SectionChange[];
	actionsAdded: ActionChange[];
	actionsDone: ActionChange[];
}

export interface Handover {
	absence: { id: string; userName: string; kind: string; startsAt: Date; endsAt: Date };
	citizens: HandoverCitizen[];
}

/**
 * "Velkommen tilbage": what happened with each of my citizens while I was away — contacts, plan
 * changes by whom, actions added and completed — exactly inside the absence window (up to now,
 * if it is still running). Only the absent person and their team leader may read it.
 */
export async function readHandover(
	db: Database,
	actor: Actor,
	absenceId: string,
	now: Date = new Date()
): Promise<Handover> {
	const [absence] = await db
		.select({
			id: absences.id,
			userId: absences.userId,
			userName: users.name,
			teamId: users.organisationId,
			kind: absences.kind,
			startsAt: absences.startsAt,
			endsAt: absences.endsAt,
			cancelledAt: absences.cancelledAt
		})
		.from(absences)
		.innerJoin(users, eq(users.id, absences.userId))
		.where(eq(absences.id, absenceId));
	if (!absence || absence.cancelledAt) throw new CoverError('not_found');
	if (!authorizeAbsence(actor, { userId: absence.userId, teamId: absence.teamId }).allowed) {
		throw new CoverError('forbidden');
	}
	const window = {
		startsAt: absence.startsAt,
		endsAt: absence.endsAt && absence.endsAt < now ? absence.endsAt : now
	};

	// The citizens covered in this absence, and those still assigned to the absent person.
	const covered = await db
		.select({ citizenId: coverGrants.citizenId, coverName: users.name })
		.from(coverGrants)
		.innerJoin(users, eq(users.id, coverGrants.coverUserId))
		.where(and(eq(coverGrants.absenceId, absence.id), eq(coverGrants.status, 'confirmed')));
	const assigned = await db
		.select({ citizenId: assignments.citizenId })
		.from(assignments)
		.where(and(eq(assignments.caseManagerId, absence.userId), sql`${assignments.endedAt} is null`));
	const ids = [
		...new Set([...covered.map((c) => c.citizenId), ...assigned.map((a) => a.citizenId)])
	];
	if (ids.length === 0) return { absence: { ...absence, endsAt: window.endsAt }, citizens: [] };

	const context = {
		resource: `handover/${absence.id}`,
		channel: 'page' as const,
		purpose: 'handover after absence' as const,
		at: now
	};
	const { allowed: readable } = await authorizeAndAuditMany(
		db,
		actor,
		'journal.read',
		ids,
		context
	);
	const { decisions: plan } = await authorizeAndAuditMany(db, actor, 'plan.read', ids, context);
	if (readable.length === 0)
		return { absence: { ...absence, endsAt: window.endsAt }, citizens: [] };

	const people = await db
		.select({ id: citizens.id, firstName: citizens.firstName, lastName: citizens.lastName })
		.from(citizens)
		.where(inArray(citizens.id, readable))
		.orderBy(citizens.lastName, citizens.firstName);
	const entries = await db
		.select({
			citizenId: contacts.citizenId,
			occurredAt: contacts.occurredAt,
			kind: contacts.kind,
			author: users.name,
			minutes: contacts.durationMinutes,
			note: contacts.note
		})
		.from(contacts)
		.innerJoin(users, eq(users.id, contacts.authorId))
		.where(
			and(
				inArray(contacts.citizenId, readable),
				gte(contacts.occurredAt, window.startsAt),
				lt(contacts.occurredAt, window.endsAt)
			)
		)
		.orderBy(asc(contacts.occurredAt));

	const result: HandoverCitizen[] = [];
	for (const person of people) {
		const mayReadPlan = plan.get(person.id)?.allowed === true;
		const planChanges = mayReadPlan ? await planChangesIn(db, person.id, window) : [];
		const actions = mayReadPlan
			? await actionChangesIn(
					db,
					person.id,
					window,
					planChanges.map((c) => c.section as SectionKey)
				)
			: { added: [], done: [] };
		result.push({
			citizenId: person.id,
			name: `${person.firstName} ${person.lastName}`,
			coveredBy: [
				...new Set(covered.filter((c) => c.citizenId === person.id).map((c) => c.coverName))
			],
			contacts: entries
				.filter((e) => e.citizenId === person.id)
				.map(({ citizenId: _, ...entry }) => entry),
			planChanges,
			actionsAdded: actions.added,
			actionsDone: actions.done
		});
	}
	return { absence: { ...absence, endsAt: window.endsAt }, citizens: result };
}
