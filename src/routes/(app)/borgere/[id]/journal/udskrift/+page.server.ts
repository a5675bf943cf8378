import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { JournalError } from '$lib/server/journal/contacts';
import { readPrintableJournal } from '$lib/server/journal/export';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const journal = await readPrintableJournal(runtime().db, locals.actor!, params.id);
		return { journal, citizenId: params.id };
	} catch (e) {
		// As on the journal page: no access and no such citizen look the same.
		if (e instanceof JournalError) error(404, t.errors.notFound);
		throw e;
	}
};
