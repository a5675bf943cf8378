import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { authorizeAndAudit } from '../audit/authorize';
import type { Database } from '../db/client';
import {
	assignments,
	citizenStatusHistory,
	citizens,
	coverGrants,
	supportAfter
} from '../db/schema';
import type { Actor } from '../policy';
import { runtime } from '../runtime';
import { CaseloadError } from './errors';
import { lockUntilCommit } from '../db/lock';
import { typedText } from '../db/storable-text';

export const supportChangeInput = z.discriminatedUnion('to', [
	z.object({
		to: z.literal('stepped_down'),
		supportAfter: z.enum(supportAfter.enumValues),
		reason: typedText().min(3).max(500)
	}),
	z.object({ to: z.literal('ended'), reason: typedText().min(3).max(500) }),
	z.object({ to: z.literal('referred'), reason: typedText().min(3).max(500) })
]);

export type SupportChange = z.input<typeof supportChangeInput>;

/**
 * A citizen steps down to lighter support (CTI, § 85 bostøtte) or ends ICM, which frees the
 * place; or a closed course is reopened as a new referral. The assignment ends but stays as
 * history, so a reopened citizen's earlier case manager is offered first at intake.
 */
export async function changeSupport(
	db: Database,
	actor: Actor,
	citizenId: string,
	/** Typed for callers in code; a form's raw fields are validated the same way. */
	input: SupportChange | Record<string, string>,
	now: Date = new Date()
): Promise<void> {
	const parsed = supportChangeInput.safeParse(input);
	if (!parsed.success) throw new CaseloadError('input');
	const change = parsed.data;
	const decision = await authorizeAndAudit(
		db,
		actor,
		'citizen.assign',
		{ citizenId, name: `citizen/${citizenId}/status` },
		{ channel: 'action', purpose: 'support change', at: now }
	);
	if (!decision.allowed) throw new CaseloadError('forbidden');
	const result = await db.transaction(async (tx) => {
		await lockUntilCommit(tx, 'assignment', citizenId);
		const [citizen] = await tx
			.select({ teamId: citizens.teamId, status: citizens.status })
			.from(citizens)
			.where(eq(citizens.id, citizenId));
		if (!citizen) throw new CaseloadError('not_found');
		const reopening = change.to === 'referred';
		const closed = citizen.status === 'stepped_down' || citizen.status === 'ended';
		if (reopening ? !closed : closed) throw new CaseloadError('conflict');
		const ended = reopening
			? []
			: await tx
					.update(assignments)
					.set({ endedAt: now, endReason: change.reason, endedBy: actor.userId })
					.where(and(eq(assignments.citizenId, citizenId), isNull(assignments.endedAt)))
					.returning({ caseManagerId: assignments.caseManagerId });
		if (!reopening) {
			// No more cover for a course that has ended.
			await tx
				.update(coverGrants)
				.set({ revokedAt: now, revokedReason: 'support_ended' })
				.where(and(eq(coverGrants.citizenId, citizenId), isNull(coverGrants.revokedAt)));
		}
		await tx
			.update(citizens)
			.set({
				status: change.to,
				supportAfter: change.to === 'stepped_down' ? change.supportAfter : null,
				...(reopening ? { referredAt: now } : {}),
				updatedAt: now
			})
			.where(eq(citizens.id, citizenId));
		await tx.insert(citizenStatusHistory).values({
			citizenId,
			status: change.to,
			supportAfter: change.to === 'stepped_down' ? change.supportAfter : null,
			changedAt: now,
			changedBy: actor.userId,
			reason: change.reason
		});
		return { teamId: citizen.teamId, formerCaseManagers: ended.map((e) => e.caseManagerId) };
	});
	const { publish, revalidateAccess } = runtime();
	publish?.({
		topic: 'caseload',
		rooms: [`team:${result.teamId}`, ...result.formerCaseManagers.map((id) => `user:${id}`)],
		payload: { citizenId }
	});
	await revalidateAccess?.(citizenId);
}
