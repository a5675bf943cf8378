import { fail, redirect } from '@sveltejs/kit';
import { differenceInMinutes } from 'date-fns';
import { z } from 'zod';
import { t } from '$lib/i18n';
import { recordAudit } from '$lib/server/audit';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { checkCredentials } from '$lib/server/auth/login';
import { createSession, generateSessionToken, sessionLifetime } from '$lib/server/auth/session';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';
import { typedText } from '$lib/server/db/storable-text';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor) redirect(303, '/');
	// Only a seeded demo has these (DEMO_SEED=off never does), checked against the database at start.
	const demoLogins = runtime().demoLogins.map(({ role, name, email, password, description }) => ({
		role,
		name,
		email,
		password,
		description
	}));
	return { demoLogins };
};

const credentials = z.object({
	email: typedText().min(1).max(254),
	password: z.string().min(1).max(1024)
});

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = credentials.safeParse({ email, password: form.get('password') });
		if (!parsed.success) return fail(400, { email, message: t.login.missing });

		const { db, config } = runtime();
		const result = await checkCredentials(db, { ...parsed.data, address: getClientAddress() });
		if (!result.ok) {
			if (result.reason === 'locked') {
				const minutes = Math.max(1, differenceInMinutes(result.until, new Date()) + 1);
				return fail(429, { email, message: t.login.locked(minutes) });
			}
			return fail(400, { email, message: t.login.invalid });
		}
		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId, sessionLifetime(config), {
			userAgent: request.headers.get('user-agent')
		});
		setSessionCookie(cookies, url, token, session.expiresAt);
		await recordAudit(db, {
			actor: null,
			action: 'session.login',
			resource: `user/${result.userId}`,
			channel: 'action',
			details: { userId: result.userId }
		});
		redirect(303, '/');
	}
};
