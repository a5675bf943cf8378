import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { t } from '$lib/i18n';
import {
	ConsentError,
	consentInput,
	listConsents,
	recordConsent,
	revokeConsent
} from '$lib/server/consent/manage';
import { authorize } from '$lib/server/policy';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db } = runtime();
	try {
		const data = await listConsents(db, locals.actor!, params.id);
		const manage = await authorize(db, locals.actor!, 'consent.manage', { citizenId: params.id });
		return { ...data, canManage: manage.allowed };
	} catch (e) {
		if (e instanceof ConsentError) error(404, t.errors.notFound);
		throw e;
	}
};

interface FormValues {
	organisationId: string;
	sections: string[];
	purpose: string;
	givenOn: string;
	validUntil?: string;
}

async function attempt<T>(run: () => Promise<T>, values?: FormValues) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof ConsentError)
			return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code, values });
		throw e;
	}
}

export const actions: Actions = {
	record: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values: FormValues = {
			organisationId: String(form.get('organisationId') ?? ''),
			sections: form.getAll('sections').map(String),
			purpose: String(form.get('purpose') ?? ''),
			givenOn: String(form.get('givenOn') ?? ''),
			validUntil: String(form.get('validUntil') ?? '') || undefined
		};
		const parsed = consentInput.safeParse(values);
		if (!parsed.success) {
			const dates = parsed.error.issues.some((issue) => issue.message === 'dates');
			return fail(400, { error: dates ? ('dates' as const) : ('input' as const), values });
		}
		return attempt(async () => {
			await recordConsent(runtime().db, locals.actor!, params.id, parsed.data);
			return { recorded: true };
		}, values);
	},
	revoke: async ({ request, locals, params }) => {
		const parsed = z
			.object({ consentId: z.uuid() })
			.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: 'not_found' as const });
		return attempt(async () => {
			await revokeConsent(runtime().db, locals.actor!, params.id, parsed.data.consentId);
			return { revoked: true };
		});
	}
};
