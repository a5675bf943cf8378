import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { t } from '$lib/i18n';
import {
	AdminError,
	endUserSessions,
	inviteSchema,
	inviteUser,
	listUsersAndOrganisations,
	reinviteUser,
	requireTwoFactorFor,
	setUserActive
} from '$lib/server/admin/users';
import { sessionLifetime } from '$lib/server/auth/session';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		const { db, config } = runtime();
		return await listUsersAndOrganisations(db, locals.actor!, sessionLifetime(config));
	} catch (e) {
		if (e instanceof AdminError) error(403, t.errors.forbidden);
		throw e;
	}
};

const userIdSchema = z.object({ userId: z.uuid() });

/** Turns the domain's refusals into a form error; anything else is a real failure. */
async function attempt<T>(run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof AdminError) return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code });
		throw e;
	}
}

const rolesSchema = z.array(z.enum(['case_manager', 'team_leader', 'partner', 'admin']));

export const actions: Actions = {
	twoFactor: async ({ request, locals }) => {
		const parsed = rolesSchema.safeParse((await request.formData()).getAll('roles'));
		if (!parsed.success) return fail(400, { error: 'input' as const });
		return attempt(async () => {
			await requireTwoFactorFor(runtime().db, locals.actor!, parsed.data);
			return { rolesSaved: true };
		});
	},
	invite: async ({ request, locals, url }) => {
		const form = Object.fromEntries(await request.formData());
		const parsed = inviteSchema.safeParse({
			...form,
			organisationId: form.organisationId || undefined
		});
		if (!parsed.success) return fail(400, { error: 'input' as const, values: form });
		return attempt(async () => {
			const created = await inviteUser(runtime().db, locals.actor!, parsed.data);
			return { link: `${url.origin}/invitation/${created.token}`, name: parsed.data.name };
		});
	},
	reinvite: async ({ request, locals, url }) => {
		const parsed = userIdSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: 'input' as const });
		return attempt(async () => {
			const { token } = await reinviteUser(runtime().db, locals.actor!, parsed.data.userId);
			return { link: `${url.origin}/invitation/${token}`, name: '' };
		});
	},
	deactivate: async ({ request, locals }) => {
		const parsed = userIdSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: 'input' as const });
		return attempt(() => setUserActive(runtime().db, locals.actor!, parsed.data.userId, false));
	},
	endSessions: async ({ request, locals }) => {
		const parsed = userIdSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: 'input' as const });
		return attempt(async () => {
			const { ended, name } = await endUserSessions(
				runtime().db,
				locals.actor!,
				parsed.data.userId
			);
			return { sessionsEnded: ended, name };
		});
	},
	activate: async ({ request, locals }) => {
		const parsed = userIdSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: 'input' as const });
		return attempt(() => setUserActive(runtime().db, locals.actor!, parsed.data.userId, true));
	}
};
