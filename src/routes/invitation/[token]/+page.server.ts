import { error, fail, redirect } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { acceptInvitation, findInvitation } from '$lib/server/auth/invitations';
import { createSession, generateSessionToken, sessionLifetime } from '$lib/server/auth/session';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await findInvitation(runtime().db, params.token);
	if (!invitation) error(404, t.account.problems.invalid);
	return { name: invitation.name, email: invitation.email };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, url }) => {
		const form = await request.formData();
		const { db, config } = runtime();
		const result = await acceptInvitation(db, params.token, {
			password: String(form.get('password') ?? ''),
			repeat: String(form.get('repeat') ?? '')
		});
		if (!result.ok) return fail(400, { problem: result.problem });
		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId, sessionLifetime(config));
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, '/');
	}
};
