import type { users } from '../db/schema';

export type Role = (typeof users.$inferSelect)['role'];

/** Who is asking. Built only from a validated session, never from anything a client sends. */
export interface Actor {
	userId: string;
	role: Role;
	name: string;
	email: string;
	municipalityId: string;
	/** The ICM team (staff) or the partner organisation (partners); null for administrators. */
	organisationId: string | null;
	sessionId: string;
}
