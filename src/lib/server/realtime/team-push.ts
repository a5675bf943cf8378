import { computeTeamOverview } from '../caseload/team-overview';
import type { Database } from '../db/client';
import type { RealtimePublication } from '../runtime';
import type { SocketServer } from './socket';

/** Changes that move a team's numbers; a burst of them is pushed once. */
const TOPICS = new Set(['caseload', 'cover']);
const SETTLE_MS = 50;

/**
 * After a caseload change, the team's overview is computed once and pushed to every dashboard in
 * the team's room, instead of every open dashboard asking for it at the same instant (200 viewers
 * reloading at once took seconds; see bench/README.md). Room members were admitted by the policy,
 * and the join audited, when they asked to watch the team.
 */
export function createTeamOverviewPush(db: Database, io: SocketServer) {
	const pending = new Map<string, NodeJS.Timeout>();
	const push = async (teamId: string) => {
		pending.delete(teamId);
		try {
			const overview = await computeTeamOverview(db, teamId);
			io.to(`team:${teamId}`).emit('team-overview', {
				teamId,
				overview,
				at: new Date().toISOString()
			});
		} catch (error) {
			// The dashboards still reload on the 'changed' event; nothing is lost but speed.
			console.error('Team overview push failed:', (error as Error).message);
		}
	};
	return {
		changed(publication: RealtimePublication): void {
			if (!TOPICS.has(publication.topic)) return;
			for (const room of publication.rooms) {
				if (!room.startsWith('team:')) continue;
				const teamId = room.slice('team:'.length);
				if (pending.has(teamId)) continue;
				const timer = setTimeout(() => void push(teamId), SETTLE_MS);
				timer.unref();
				pending.set(teamId, timer);
			}
		},
		close(): void {
			for (const timer of pending.values()) clearTimeout(timer);
			pending.clear();
		}
	};
}
