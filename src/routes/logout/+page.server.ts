import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const sessionId = (locals.actor ?? locals.pendingSecondFactor?.actor)?.sessionId;
		if (sessionId) await invalidateSession(runtime().db, sessionId);
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
