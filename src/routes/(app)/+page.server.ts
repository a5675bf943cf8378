import { listMyCitizens } from '$lib/server/caseload/my-citizens';
import { readTeamOverview } from '$lib/server/caseload/team-overview';
import { listCitizensSharedWithMe } from '$lib/server/consent/shared-with-me';
import { readMyCovers } from '$lib/server/cover/covering';
import { listPartnerOpenActions } from '$lib/server/plan/partner-actions';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** One start page, shaped by role: my citizens, my team, or the citizens who share with me. */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	const { db } = runtime();
	return {
		role: actor.role,
		name: actor.name,
		caseload: actor.role === 'case_manager' ? await listMyCitizens(db, actor) : null,
		covers: actor.role === 'case_manager' ? await readMyCovers(db, actor) : null,
		team:
			actor.role === 'team_leader' && actor.organisationId
				? await readTeamOverview(db, actor, actor.organisationId)
				: null,
		shared: actor.role === 'partner' ? await listCitizensSharedWithMe(db, actor) : null,
		partnerActions: actor.role === 'partner' ? await listPartnerOpenActions(db, actor) : null
	};
};
