import { error, fail } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { CaseloadError } from '$lib/server/caseload/errors';
import { listReferrals, registerReferral, startSupport } from '$lib/server/caseload/intake';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor!;
	if (actor.role !== 'team_leader' || !actor.organisationId) error(403, t.errors.forbidden);
	try {
		return {
			...(await listReferrals(runtime().db, actor, actor.organisationId)),
			teamId: actor.organisationId
		};
	} catch (e) {
		if (e instanceof CaseloadError) error(403, t.errors.forbidden);
		throw e;
	}
};

const fields = async (request: Request) =>
	Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));

async function attempt<T>(run: () => Promise<T>, values: Record<string, string>) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof CaseloadError) {
			return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code, values });
		}
		throw e;
	}
}

export const actions: Actions = {
	register: async ({ locals, request }) => {
		const values = await fields(request);
		return attempt(async () => {
			await registerReferral(runtime().db, locals.actor!, locals.actor!.organisationId ?? '', {
				firstName: values.firstName ?? '',
				lastName: values.lastName ?? '',
				birthDate: values.birthDate,
				phone: values.phone,
				housing: (values.housing ?? '') as 'street',
				note: values.note
			});
			return { registered: true };
		}, values);
	},
	start: async ({ locals, request }) => {
		const values = await fields(request);
		return attempt(async () => {
			await startSupport(runtime().db, locals.actor!, {
				citizenId: values.citizenId ?? '',
				caseManagerId: values.caseManagerId ?? '',
				reason: values.reason ?? '',
				overrideReason: values.overrideReason
			});
			return { started: true };
		}, values);
	}
};
