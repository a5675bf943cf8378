import { error, fail } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readPlanPage } from '$lib/server/plan/access';
import { addCustomSection, CustomSectionError } from '$lib/server/plan/custom-sections';
import { authorize } from '$lib/server/policy';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const plan = await readPlanPage(runtime().db, locals.actor!, params.id);
	// No readable section answers like an unknown citizen: no probing for who exists.
	if (!plan) error(404, t.errors.notFound);
	// The whole plan's history is case work; a partner, granted per section, is not offered it.
	const [history, write] = await Promise.all([
		authorize(runtime().db, locals.actor!, 'plan.read', { citizenId: params.id }),
		authorize(runtime().db, locals.actor!, 'plan.write', { citizenId: params.id })
	]);
	return { plan, canSeeHistory: history.allowed, canAddSection: write.allowed };
};

export const actions: Actions = {
	addSection: async ({ locals, params, request }) => {
		const title = String((await request.formData()).get('title') ?? '');
		try {
			await addCustomSection(runtime().db, locals.actor!, params.id, title);
			return { added: true };
		} catch (e) {
			if (e instanceof CustomSectionError) {
				return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code, title });
			}
			throw e;
		}
	}
};
