import { error, json } from '@sveltejs/kit';
import { JournalError, logContact } from '$lib/server/journal/contacts';
import { parseContact } from '$lib/server/journal/form';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** For the browser's offline outbox: the same logContact as the form, idempotent by clientId. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.actor) error(401, 'Ikke logget ind');
	let body: Record<string, unknown>;
	try {
		body = (await request.json()) as Record<string, unknown>;
	} catch {
		return json({ error: 'input' }, { status: 400 });
	}
	const parsed = parseContact(body);
	if (!parsed.ok) return json({ error: parsed.error }, { status: 400 });
	try {
		const result = await logContact(runtime().db, locals.actor, params.id, parsed.value, 'api');
		return json(result, { status: result.created ? 201 : 200 });
	} catch (e) {
		if (e instanceof JournalError) {
			return json({ error: e.code }, { status: e.code === 'forbidden' ? 404 : 409 });
		}
		throw e;
	}
};
