import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const actor = locals.actor ?? locals.pendingSecondFactor?.actor;
		if (actor) {
			await invalidateSession(runtime().db, actor.sessionId);
			await recordAudit(runtime().db, {
				actor,
				action: 'session.logout',
				resource: `user/${actor.userId}`,
				channel: 'action'
			});
		}
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
