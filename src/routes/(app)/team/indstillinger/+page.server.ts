import { error, fail } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { CaseloadError } from '$lib/server/caseload/errors';
import {
	METHOD_DEFAULTS,
	readTeamSettings,
	resetTeamSettings,
	SETTINGS_LIMITS,
	settingsInputFromForm,
	TeamSettingsInputError,
	updateTeamSettings
} from '$lib/server/caseload/settings';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	if (actor.role !== 'team_leader' || !actor.organisationId) error(403, t.errors.forbidden);
	try {
		const settings = await readTeamSettings(runtime().db, actor, actor.organisationId);
		return { settings, defaults: METHOD_DEFAULTS, limits: SETTINGS_LIMITS };
	} catch (e) {
		if (e instanceof CaseloadError) error(403, t.errors.forbidden);
		throw e;
	}
};

async function attempt<T>(run: () => Promise<T>, values: Record<string, string> = {}) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof TeamSettingsInputError) return fail(400, { fields: e.fields, values });
		if (e instanceof CaseloadError && e.code === 'forbidden') {
			return fail(403, { forbidden: true, values });
		}
		throw e;
	}
}

export const actions: Actions = {
	save: async ({ locals, request }) => {
		const values = Object.fromEntries(
			[...(await request.formData()).entries()].map(([k, v]) => [k, String(v)])
		);
		return attempt(async () => {
			const actor = locals.actor!;
			await updateTeamSettings(
				runtime().db,
				actor,
				actor.organisationId ?? '',
				settingsInputFromForm(values)
			);
			return { saved: true };
		}, values);
	},
	reset: async ({ locals }) =>
		attempt(async () => {
			await resetTeamSettings(runtime().db, locals.actor!, locals.actor!.organisationId ?? '');
			return { reset: true };
		})
};
