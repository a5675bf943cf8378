import { listMyCitizens } from '$lib/server/caseload/my-citizens';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	const caseload = actor.role === 'case_manager' ? await listMyCitizens(runtime().db, actor) : null;
	return { role: actor.role, name: actor.name, caseload };
};
