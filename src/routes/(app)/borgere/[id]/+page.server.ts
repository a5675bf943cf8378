import { error, fail } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readCitizenOverview } from '$lib/server/citizens/overview';
import { CaseloadError } from '$lib/server/caseload/errors';
import { changeSupport } from '$lib/server/caseload/status';
import { authorize } from '$lib/server/policy';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { decision, overview } = await readCitizenOverview(runtime().db, locals.actor!, params.id);
	// The same answer whether the citizen does not exist or is not yours: no probing for ids.
	if (!decision.allowed || !overview) error(404, t.errors.notFound);
	const { db } = runtime();
	const decisions = await Promise.all(
		(['journal.read', 'consent.read', 'audit.report', 'audit.read', 'citizen.assign'] as const).map(
			(action) => authorize(db, locals.actor!, action, { citizenId: params.id })
		)
	);
	const [journal, consent, report, audit, assign] = decisions.map((d) => d.allowed);
	return { citizen: overview, can: { journal, consent, report, audit, assign } };
};

export const actions: Actions = {
	support: async ({ locals, params, request }) => {
		const values = Object.fromEntries(
			[...(await request.formData()).entries()].map(([k, v]) => [k, String(v)])
		);
		try {
			await changeSupport(runtime().db, locals.actor!, params.id, values);
			return { saved: true };
		} catch (e) {
			if (e instanceof CaseloadError) {
				return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code, values });
			}
			throw e;
		}
	}
};
