import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readMyDay } from '$lib/server/journal/my-day';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** "Min dag" is the case manager's page: nothing in it is anyone else's. */
export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	if (actor.role !== 'case_manager') error(403, t.errors.forbidden);
	return { day: await readMyDay(runtime().db, actor) };
};
