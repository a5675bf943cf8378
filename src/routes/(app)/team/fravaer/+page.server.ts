import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { CoverError } from '$lib/server/cover/errors';
import {
	cancelFromForm,
	changeEndFromForm,
	confirmAllFromForm,
	confirmFromForm,
	registerFromForm
} from '$lib/server/cover/form';
import { readTeamCover } from '$lib/server/cover/team-cover';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	if (actor.role !== 'team_leader' || !actor.organisationId) error(403, t.errors.forbidden);
	try {
		const cover = await readTeamCover(runtime().db, actor, actor.organisationId);
		return { ...cover, teamId: actor.organisationId, now: new Date() };
	} catch (e) {
		if (e instanceof CoverError) error(403, t.errors.forbidden);
		throw e;
	}
};

export const actions: Actions = {
	register: ({ locals, request }) => registerFromForm(locals.actor!, request),
	end: ({ locals, request }) => changeEndFromForm(locals.actor!, request, true),
	move: ({ locals, request }) => changeEndFromForm(locals.actor!, request, false),
	cancel: ({ locals, request }) => cancelFromForm(locals.actor!, request),
	confirm: ({ locals, request }) => confirmFromForm(locals.actor!, request),
	confirmAll: ({ locals, request }) => confirmAllFromForm(locals.actor!, request)
};
