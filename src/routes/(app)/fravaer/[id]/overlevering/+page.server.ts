import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { CoverError } from '$lib/server/cover/errors';
import { readHandover } from '$lib/server/cover/handover';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, t.errors.notFound);
	try {
		return { handover: await readHandover(runtime().db, locals.actor!, params.id) };
	} catch (e) {
		if (e instanceof CoverError) error(e.code === 'forbidden' ? 403 : 404, t.errors.notFound);
		throw e;
	}
};
