import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { enrolAuthenticator } from '$lib/server/auth/enrol-authenticator';
import { describeTotpKey, newTotpKey } from '$lib/server/auth/two-factor';
import { users } from '$lib/server/db/schema';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** Enrolment: required by the role right after sign-in, or chosen from the account page. */
function enrolling(locals: App.Locals) {
	if (locals.pendingSecondFactor?.state === 'setup') {
		return { actor: locals.pendingSecondFactor.actor, justSignedIn: true };
	}
	return locals.actor ? { actor: locals.actor, justSignedIn: false } : null;
}

export const load: PageServerLoad = async ({ locals }) => {
	const who = enrolling(locals);
	if (!who) redirect(303, '/login');
	const [user] = await runtime()
		.db.select({ totpEnabledAt: users.totpEnabledAt })
		.from(users)
		.where(eq(users.id, who.actor.userId));
	const key = newTotpKey();
	return {
		// An authenticator is never replaced from here; the page then says it is on. (Not a
		// redirect: the reload after enrolling must still show the new recovery codes.)
		alreadyEnabled: !!user?.totpEnabledAt,
		required: who.justSignedIn,
		encodedKey: encodeBase64(key),
		...describeTotpKey(key, who.actor.email)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const who = enrolling(locals);
		if (!who) redirect(303, '/login');
		const form = await request.formData();
		let key: Uint8Array;
		try {
			key = decodeBase64(String(form.get('key') ?? ''));
		} catch {
			return fail(400, { problem: 'wrong_code' as const });
		}
		const result = await enrolAuthenticator(
			runtime().db,
			who.actor,
			{
				key,
				code: String(form.get('code') ?? ''),
				password: who.justSignedIn ? null : String(form.get('password') ?? ''),
				address: getClientAddress()
			},
			who.justSignedIn
		);
		if (!result.ok)
			return fail(result.problem === 'locked' ? 429 : 400, { problem: result.problem });
		return { recoveryCodes: result.recoveryCodes };
	}
};
