import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readCitizenOverview } from '$lib/server/citizens/overview';
import { authorize } from '$lib/server/policy';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { decision, overview } = await readCitizenOverview(runtime().db, locals.actor!, params.id);
	// The same answer whether the citizen does not exist or is not yours: no probing for ids.
	if (!decision.allowed || !overview) error(404, t.errors.notFound);
	const { db } = runtime();
	const decisions = await Promise.all(
		(['journal.read', 'consent.read', 'audit.report', 'audit.read'] as const).map((action) =>
			authorize(db, locals.actor!, action, { citizenId: params.id })
		)
	);
	const [journal, consent, report, audit] = decisions.map((d) => d.allowed);
	return { citizen: overview, can: { journal, consent, report, audit } };
};
