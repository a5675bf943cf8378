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
	party: 'organisation' | 'person';
	organisationId: string;
	personName: string;
	personRelation: string;
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
		const text = (name: string) => String(form.get(name) ?? '');
		const values: FormValues = {
			party: text('party') === 'person' ? 'person' : 'organisation',
			organisationId: text('organisationId'),
			personName: text('personName'),
			personRelation: text('personRelation'),
			sections: form.getAll('sections').map(String),
			purpose: text('purpose'),
			givenOn: text('givenOn'),
			validUntil: text('validUntil') || undefined
		};
		// Without JavaScript both parts of the form are sent: the chosen party decides which counts.
		const party =
			values.party === 'person'
				? {
						personName: values.personName.trim() || undefined,
						personRelation: values.personRelation.trim() || undefined
					}
				: { organisationId: values.organisationId || undefined };
		const parsed = consentInput.safeParse({
			...party,
			sections: values.sections,
			purpose: values.purpose,
			givenOn: values.givenOn,
			validUntil: values.validUntil
		});
		if (!parsed.success) {
			const messages = parsed.error.issues.map((issue) => issue.message);
			const code = messages.includes('party')
				? ('party' as const)
				: messages.includes('dates')
					? ('dates' as const)
					: ('input' as const);
			return fail(400, { error: code, values });
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
