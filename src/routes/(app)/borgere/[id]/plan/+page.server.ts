import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readPlanPage } from '$lib/server/plan/access';
import { authorize } from '$lib/server/policy';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const plan = await readPlanPage(runtime().db, locals.actor!, params.id);
	// No readable section answers like an unknown citizen: no probing for who exists.
	if (!plan) error(404, t.errors.notFound);
	// The whole plan's history is case work; a partner, granted per section, is not offered it.
	const history = await authorize(runtime().db, locals.actor!, 'plan.read', {
		citizenId: params.id
	});
	return { plan, canSeeHistory: history.allowed };
};
