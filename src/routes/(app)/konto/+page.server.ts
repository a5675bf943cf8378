import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { users } from '$lib/server/db/schema';
import { changePassword } from '$lib/server/auth/account';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { recordAudit } from '$lib/server/audit';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const [user] = await runtime()
		.db.select({ totpEnabledAt: users.totpEnabledAt })
		.from(users)
		.where(eq(users.id, locals.actor!.userId));
	return { email: locals.actor!.email, twoFactorEnabled: !!user?.totpEnabledAt };
};

export const actions: Actions = {
	password: async ({ request, locals }) => {
		const form = await request.formData();
		const result = await changePassword(runtime().db, locals.actor!, {
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			repeat: String(form.get('repeat') ?? '')
		});
		if (!result.ok) return fail(400, { problem: result.problem });
		return { changed: true };
	},
	everywhere: async ({ locals, cookies, url }) => {
		const { db } = runtime();
		await invalidateUserSessions(db, locals.actor!.userId);
		await recordAudit(db, {
			actor: locals.actor,
			action: 'account.sessions.revoke_all',
			resource: `user/${locals.actor!.userId}`,
			channel: 'action'
		});
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
