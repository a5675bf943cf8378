import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readLoadHistory } from '$lib/server/caseload/history';
import { readTeamOverview } from '$lib/server/caseload/team-overview';
import { readEscalations } from '$lib/server/journal/escalations';
import { supportHoursByCaseManager } from '$lib/server/journal/support-hours';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	const team = actor.organisationId
		? await readTeamOverview(runtime().db, actor, actor.organisationId)
		: null;
	if (!team) error(403, t.errors.forbidden);
	const escalations = await readEscalations(runtime().db, actor, actor.organisationId!);
	const history = await readLoadHistory(runtime().db, actor, actor.organisationId!);
	const supportHours = await supportHoursByCaseManager(runtime().db, actor, actor.organisationId!);
	return { team, escalations, history, supportHours, teamId: actor.organisationId! };
};
