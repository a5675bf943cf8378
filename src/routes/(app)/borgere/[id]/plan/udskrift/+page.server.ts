import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readPrintablePlan } from '$lib/server/plan/printable';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const plan = await readPrintablePlan(runtime().db, locals.actor!, params.id);
	if (!plan) error(404, t.errors.notFound);
	return { plan, printedAt: new Date() };
};
