import { error, fail } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readCaseManagerCitizens } from '$lib/server/caseload/drill-down';
import { CaseloadError } from '$lib/server/caseload/errors';
import { reassignCitizen } from '$lib/server/caseload/reassign';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, t.errors.notFound);
	try {
		return await readCaseManagerCitizens(runtime().db, locals.actor!, params.id);
	} catch (e) {
		if (e instanceof CaseloadError) error(e.code === 'forbidden' ? 403 : 404, t.errors.notFound);
		throw e;
	}
};

export const actions: Actions = {
	move: async ({ locals, params, request }) => {
		const values = Object.fromEntries(
			[...(await request.formData()).entries()].map(([k, v]) => [k, String(v)])
		);
		try {
			await reassignCitizen(runtime().db, locals.actor!, {
				citizenId: values.citizenId ?? '',
				toCaseManagerId: values.toCaseManagerId ?? '',
				reason: values.reason ?? '',
				overrideReason: values.overrideReason,
				expectedFromId: params.id
			});
			return { moved: true };
		} catch (e) {
			if (e instanceof CaseloadError) {
				return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code, values });
			}
			throw e;
		}
	}
};
