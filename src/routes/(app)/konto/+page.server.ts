import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '$lib/server/db/schema';
import { changePassword, logOutEverywhere } from '$lib/server/auth/account';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { sessionLifetime } from '$lib/server/auth/session';
import { listOwnSessions, revokeOwnSession } from '$lib/server/auth/session-list';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { db, config } = runtime();
	const actor = locals.actor!;
	const [user] = await db
		.select({ totpEnabledAt: users.totpEnabledAt })
		.from(users)
		.where(eq(users.id, actor.userId));
	return {
		email: actor.email,
		twoFactorEnabled: !!user?.totpEnabledAt,
		sessions: await listOwnSessions(db, actor, sessionLifetime(config))
	};
};

const revokeSchema = z.object({ session: z.string().regex(/^[0-9a-f]{32}$/) });

export const actions: Actions = {
	password: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		const result = await changePassword(runtime().db, locals.actor!, {
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			repeat: String(form.get('repeat') ?? ''),
			address: getClientAddress()
		});
		if (!result.ok)
			return fail(result.problem === 'locked' ? 429 : 400, { problem: result.problem });
		return { changed: true };
	},
	revoke: async ({ request, locals }) => {
		const parsed = revokeSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { sessionProblem: 'input' as const });
		const result = await revokeOwnSession(runtime().db, locals.actor!, parsed.data.session);
		if (!result.ok) {
			return fail(result.problem === 'not_found' ? 404 : 400, { sessionProblem: result.problem });
		}
		return { revoked: true };
	},
	everywhere: async ({ locals, cookies, url }) => {
		await logOutEverywhere(runtime().db, locals.actor!);
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
