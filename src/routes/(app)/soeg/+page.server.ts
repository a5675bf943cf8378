import { QUERY_MAX, QUERY_MIN, searchCitizens, SearchError } from '$lib/server/citizens/search';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** A GET search, so it works without JavaScript and the result page can be reloaded. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, QUERY_MAX * 2);
	const limits = { min: QUERY_MIN, max: QUERY_MAX };
	if (!q.trim()) return { q, limits, result: null, error: null };
	try {
		const result = await searchCitizens(runtime().db, locals.actor!, q);
		return { q, limits, result, error: null };
	} catch (e) {
		if (e instanceof SearchError) return { q, limits, result: null, error: e.code };
		throw e;
	}
};
