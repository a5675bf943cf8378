import type { TeamOverview } from '../server/caseload/team-overview';

/**
 * The socket.io events, typed once for server and browser. Payloads are still validated with zod
 * on the server: a type is a promise, not a check.
 */
export interface ServerToClientEvents {
	/** Sent on connect: who the server thinks you are, and its clock for relative times. */
	welcome: (payload: { userId: string; name: string; serverTime: string }) => void;
	/** A change a dashboard or list should pick up; `topic` says which. */
	changed: (payload: { topic: string; citizenId?: string; teamId?: string; at: string }) => void;
	/** A team's caseload numbers, computed once after a change and pushed to its dashboards. */
	'team-overview': (payload: { teamId: string; overview: TeamOverview; at: string }) => void;
	/** Access to something open on screen has ended (consent revoked, cover window over). */
	'access-ended': (payload: { citizenId: string; reason: string }) => void;
}

export interface ClientToServerEvents {
	/** Subscribe to a team's live caseload, if the policy allows it. */
	'watch-team': (
		payload: { teamId: string },
		ack: (result: { ok: true } | { ok: false; error: string }) => void
	) => void;
	ping: (ack: (serverTime: string) => void) => void;
}

export interface SocketData {
	userId: string;
}

/** Between Samplan instances (through the Redis adapter when there are several). */
export interface InterServerEvents {
	/** Access to this citizen's data changed: every instance re-checks its open connections. */
	'revalidate-access': (citizenId: string) => void;
	/** These sessions ended: every instance closes the Yjs connections opened with them. */
	'end-sessions': (sessionIds: string[]) => void;
}
