import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { t } from '$lib/i18n';
import { readCitizenOverview } from '$lib/server/citizens/overview';
import {
	addAddendum,
	correctContact,
	JournalError,
	logContact,
	readJournal
} from '$lib/server/journal/contacts';
import { parseContact } from '$lib/server/journal/form';
import { supportHoursPerWeek } from '$lib/server/journal/support-hours';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';
import { typedText } from '$lib/server/db/storable-text';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db } = runtime();
	try {
		const entries = await readJournal(db, locals.actor!, params.id);
		const { overview } = await readCitizenOverview(db, locals.actor!, params.id);
		const supportHours = await supportHoursPerWeek(db, locals.actor!, params.id);
		return { entries, supportHours, citizenName: overview?.name ?? '', citizenId: params.id };
	} catch (e) {
		if (e instanceof JournalError) error(404, t.errors.notFound);
		throw e;
	}
};

async function attempt<T>(run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof JournalError)
			return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code });
		throw e;
	}
}

export const actions: Actions = {
	log: async ({ request, locals, params }) => {
		const form = Object.fromEntries(await request.formData());
		const parsed = parseContact({ clientId: crypto.randomUUID(), ...form });
		if (!parsed.ok) return fail(400, { error: parsed.error, values: form });
		return attempt(async () => {
			await logContact(runtime().db, locals.actor!, params.id, parsed.value);
			return { saved: true };
		});
	},
	correct: async ({ request, locals, params }) => {
		const form = Object.fromEntries(await request.formData());
		const contactId = z.uuid().safeParse(form.contactId);
		const parsed = parseContact({ ...form, clientId: crypto.randomUUID() });
		if (!contactId.success) return fail(400, { error: 'not_found' as const });
		if (!parsed.ok) return fail(400, { error: parsed.error });
		const { clientId: _clientId, ...changes } = parsed.value;
		return attempt(async () => {
			await correctContact(runtime().db, locals.actor!, params.id, contactId.data, changes);
			return { saved: true };
		});
	},
	addendum: async ({ request, locals, params }) => {
		const parsed = z
			.object({ contactId: z.uuid(), text: typedText().min(1).max(4000) })
			.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: 'input' as const });
		return attempt(async () => {
			await addAddendum(
				runtime().db,
				locals.actor!,
				params.id,
				parsed.data.contactId,
				parsed.data.text
			);
			return { saved: true };
		});
	}
};
