import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { CoverError } from '$lib/server/cover/errors';
import {
	buddyFromForm,
	cancelFromForm,
	changeEndFromForm,
	registerFromForm
} from '$lib/server/cover/form';
import { readMyAbsences } from '$lib/server/cover/my-absences';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		return await readMyAbsences(runtime().db, locals.actor!);
	} catch (e) {
		if (e instanceof CoverError) error(403, t.errors.forbidden);
		throw e;
	}
};

export const actions: Actions = {
	register: ({ locals, request }) => registerFromForm(locals.actor!, request, locals.actor!.userId),
	end: ({ locals, request }) => changeEndFromForm(locals.actor!, request, true),
	move: ({ locals, request }) => changeEndFromForm(locals.actor!, request, false),
	cancel: ({ locals, request }) => cancelFromForm(locals.actor!, request),
	buddy: ({ locals, request }) => buddyFromForm(locals.actor!, request)
};
