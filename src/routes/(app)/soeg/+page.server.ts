import { QUERY_MAX, QUERY_MIN, searchCitizens, SearchError } from '$lib/server/citizens/search';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ limits: { min: QUERY_MIN, max: QUERY_MAX } });

/**
 * Posted, not a GET: a citizen's name must not end up in URLs, browser history or access logs.
 * Works without JavaScript all the same.
 */
export const actions: Actions = {
	default: async ({ locals, request }) => {
		const q = String((await request.formData()).get('q') ?? '').slice(0, QUERY_MAX * 2);
		if (!q.trim()) return { q, result: null, error: null };
		try {
			const result = await searchCitizens(runtime().db, locals.actor!, q);
			return { q, result, error: null };
		} catch (e) {
			if (e instanceof SearchError) return { q, result: null, error: e.code };
			throw e;
		}
	}
};
