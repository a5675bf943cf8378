import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { t } from '$lib/i18n';
import { CaseloadError } from '$lib/server/caseload/errors';
import { applySuggestions } from '$lib/server/caseload/reassign';
import { suggestForTeam } from '$lib/server/caseload/suggestions';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	if (actor.role !== 'team_leader' || !actor.organisationId) error(403, t.errors.forbidden);
	try {
		const suggestions = await suggestForTeam(runtime().db, actor, actor.organisationId);
		return { suggestions, teamId: actor.organisationId };
	} catch (e) {
		if (e instanceof CaseloadError) error(403, t.errors.forbidden);
		throw e;
	}
};

/** A ticked move arrives as "citizenId:from:to", exactly as the page rendered it. */
const tickedMove = z
	.string()
	.transform((value) => value.split(':'))
	.pipe(z.tuple([z.uuid(), z.uuid(), z.uuid()]))
	.transform(([citizenId, from, to]) => ({ citizenId, from, to }));

export const actions: Actions = {
	apply: async ({ locals, request }) => {
		const actor = locals.actor!;
		const form = await request.formData();
		const moves = z.array(tickedMove).min(1).safeParse(form.getAll('move').map(String));
		const reason = String(form.get('reason') ?? '').trim();
		if (!moves.success || reason.length < 3 || !actor.organisationId) {
			return fail(400, { error: 'input' as const, reason });
		}
		const results = await applySuggestions(
			runtime().db,
			actor,
			actor.organisationId,
			moves.data,
			reason
		);
		return { results };
	}
};
