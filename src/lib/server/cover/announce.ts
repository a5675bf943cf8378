import { and, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { coverGrants } from '../db/schema';
import { runtime } from '../runtime';

/**
 * After a cover change has committed: the team's dashboards and every colleague whose cover
 * changed refresh live, and open plan connections are asked the policy again, so access that
 * ended (an absence ended early, a cover moved) closes at once rather than at the old end.
 */
export async function announceCoverChange(
	db: Database,
	change: { teamId: string | null; citizenIds: readonly string[]; accessEnded?: boolean }
): Promise<void> {
	const { publish, revalidateAccess } = runtime();
	const citizenIds = [...new Set(change.citizenIds)];
	const rooms = change.teamId ? [`team:${change.teamId}`] : [];
	if (citizenIds.length > 0) {
		const recent = new Date(Date.now() - 5 * 60_000);
		const colleagues = await db
			.selectDistinct({ id: coverGrants.coverUserId })
			.from(coverGrants)
			.where(
				and(
					inArray(coverGrants.citizenId, citizenIds),
					or(isNull(coverGrants.revokedAt), gt(coverGrants.revokedAt, recent))
				)
			);
		rooms.push(...colleagues.map((c) => `user:${c.id}`));
	}
	publish?.({ topic: 'cover', rooms, payload: { teamId: change.teamId ?? undefined } });
	publish?.({ topic: 'caseload', rooms: rooms.filter((r) => r.startsWith('team:')), payload: {} });
	if (change.accessEnded && revalidateAccess) {
		await Promise.all(citizenIds.map((id) => revalidateAccess(id)));
	}
}
