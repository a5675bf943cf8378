import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import { assignments, citizens, notifications } from '../db/schema';
import type { Actor } from '../policy';
import { runtime } from '../runtime';
import { CaseloadError, type CaseloadErrorCode } from './errors';
import { requireReceiver, wouldExceedCapacity } from './receiver';
import { lockUntilCommit } from '../db/lock';
import { typedText } from '../db/storable-text';

const reasonText = typedText().min(3).max(500);

export const reassignInput = z.object({
	citizenId: z.uuid(),
	toCaseManagerId: z.uuid(),
	reason: reasonText,
	// A form posts an empty field when no override was asked for.
	overrideReason: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || undefined)
		.pipe(reasonText.optional()),
	expectedFromId: z.uuid().optional()
});

export type ReassignInput = z.input<typeof reassignInput>;

export interface Reassigned {
	citizenId: string;
	teamId: string;
	from: string;
	to: string;
	/** True when the receiver went above capacity on the team leader's explicit override. */
	overCapacity: boolean;
}

/**
 * The team leader moves a citizen to another case manager in the same team. The assignments rows
 * are the citizen's history of case managers, so the old row is ended, never changed otherwise.
 */
export async function reassignCitizen(
	db: Database,
	actor: Actor,
	input: ReassignInput,
	now: Date = new Date()
): Promise<Reassigned> {
	return move(db, actor, input, now, null);
}

async function move(
	db: Database,
	actor: Actor,
	input: ReassignInput,
	now: Date,
	teamId: string | null
): Promise<Reassigned> {
	const parsed = reassignInput.safeParse(input);
	if (!parsed.success) throw new CaseloadError('input');
	const request = parsed.data;
	// Outside the transaction: a refused attempt stays in the audit log.
	const decision = await authorizeAndAudit(
		db,
		actor,
		'citizen.assign',
		{ citizenId: request.citizenId, name: `citizen/${request.citizenId}/assignment` },
		{ channel: 'action', purpose: 'caseload rebalancing', at: now }
	);
	if (!decision.allowed) throw new CaseloadError('forbidden');
	let done: Reassigned;
	try {
		done = await db.transaction((tx) => write(tx, actor, request, now, teamId));
	} catch (error) {
		// The partial unique index caught a writer that bypassed the lock: still one primary.
		if (isUniqueViolation(error)) throw new CaseloadError('conflict');
		throw error;
	}
	const { publish, revalidateAccess } = runtime();
	publish?.({
		topic: 'caseload',
		rooms: [`team:${done.teamId}`, `user:${done.from}`, `user:${done.to}`],
		payload: { citizenId: done.citizenId }
	});
	// The old case manager's primary access ended with the move: close their open plan connections.
	await revalidateAccess?.(done.citizenId);
	return done;
}

async function write(
	db: Database,
	actor: Actor,
	request: z.output<typeof reassignInput>,
	now: Date,
	teamId: string | null
): Promise<Reassigned> {
	const { citizenId, toCaseManagerId: to, reason, overrideReason } = request;
	// Two team leaders moving the same citizen queue here; the second then sees the first's move.
	await lockUntilCommit(db, 'assignment', citizenId);
	const [citizen] = await db
		.select({
			teamId: citizens.teamId,
			assignmentId: assignments.id,
			from: assignments.caseManagerId
		})
		.from(citizens)
		.leftJoin(assignments, and(eq(assignments.citizenId, citizens.id), isNull(assignments.endedAt)))
		.where(eq(citizens.id, citizenId));
	if (!citizen) throw new CaseloadError('not_found');
	if (teamId !== null && citizen.teamId !== teamId) throw new CaseloadError('other_team');
	if (request.expectedFromId !== undefined && citizen.from !== request.expectedFromId) {
		throw new CaseloadError('conflict');
	}
	// A referred citizen's first case manager is chosen at referral, not by moving.
	if (!citizen.assignmentId || !citizen.from) throw new CaseloadError('not_found');
	if (citizen.from === to) throw new CaseloadError('same_case_manager');
	await requireReceiver(db, to, citizen.teamId, now);
	// Serialises moves to the same colleague, so two at once cannot both take their last place.
	await lockUntilCommit(db, 'caseload', to);
	const overCapacity = await wouldExceedCapacity(db, to, citizen.teamId);
	if (overCapacity && !overrideReason) throw new CaseloadError('over_capacity');

	const ended = await db
		.update(assignments)
		.set({ endedAt: now, endReason: reason, endedBy: actor.userId })
		.where(and(eq(assignments.id, citizen.assignmentId), isNull(assignments.endedAt)))
		.returning({ id: assignments.id });
	if (ended.length === 0) throw new CaseloadError('conflict');
	await db.insert(assignments).values({
		citizenId,
		caseManagerId: to,
		startedAt: now,
		startReason: reason,
		capacityOverrideReason: overCapacity ? overrideReason : null,
		createdBy: actor.userId
	});
	const payload = { citizenId, from: citizen.from, to, reason };
	await db.insert(notifications).values(
		[citizen.from, to].map((userId) => ({
			userId,
			kind: 'caseload.reassigned',
			payload,
			createdAt: now
		}))
	);
	return { citizenId, teamId: citizen.teamId, from: citizen.from, to, overCapacity };
}

export function isUniqueViolation(error: unknown): boolean {
	// Drizzle wraps the driver's error; both PGlite and postgres-js carry the SQLSTATE as `code`.
	for (let e = error; e instanceof Error; e = e.cause) {
		if ('code' in e && e.code === '23505') return true;
	}
	return false;
}

export const suggestedMove = z.object({ citizenId: z.uuid(), from: z.uuid(), to: z.uuid() });
export type SuggestedMove = z.infer<typeof suggestedMove>;

export type MoveResult =
	{ citizenId: string; ok: true } | { citizenId: string; ok: false; error: CaseloadErrorCode };

/**
 * Applies the suggested moves the team leader ticked, one transaction each: a move that fails
 * (someone else moved the citizen meanwhile, the colleague fell ill) leaves the others standing.
 * Suggestions keep capacity by construction, so an override is passed only when given.
 */
export async function applySuggestions(
	db: Database,
	actor: Actor,
	teamId: string,
	moves: readonly SuggestedMove[],
	reason: string,
	options: { overrideReason?: string; now?: Date } = {}
): Promise<MoveResult[]> {
	const results: MoveResult[] = [];
	for (const m of moves) {
		try {
			await move(
				db,
				actor,
				{
					citizenId: m.citizenId,
					toCaseManagerId: m.to,
					expectedFromId: m.from,
					reason,
					overrideReason: options.overrideReason
				},
				options.now ?? new Date(),
				teamId
			);
			results.push({ citizenId: m.citizenId, ok: true });
		} catch (error) {
			if (!(error instanceof CaseloadError)) throw error;
			results.push({ citizenId: m.citizenId, ok: false, error: error.code });
		}
	}
	return results;
}
