import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { fail, redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { checkTotp, describeTotpKey, enableTotp, newTotpKey } from '$lib/server/auth/two-factor';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** Enrolment: required by the role right after sign-in, or chosen from the account page. */
function enrollingActor(locals: App.Locals) {
	if (locals.pendingSecondFactor?.state === 'setup') return locals.pendingSecondFactor.actor;
	return locals.actor;
}

export const load: PageServerLoad = ({ locals }) => {
	const actor = enrollingActor(locals);
	if (!actor) redirect(303, '/login');
	const key = newTotpKey();
	return {
		required: locals.pendingSecondFactor?.state === 'setup',
		encodedKey: encodeBase64(key),
		...describeTotpKey(key, actor.email)
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const actor = enrollingActor(locals);
		if (!actor) redirect(303, '/login');
		const form = await request.formData();
		let key: Uint8Array;
		try {
			key = decodeBase64(String(form.get('key') ?? ''));
		} catch {
			return fail(400, { wrong: true });
		}
		if (key.length !== 20 || !checkTotp(key, String(form.get('code') ?? ''))) {
			return fail(400, { wrong: true });
		}
		const { db } = runtime();
		const recoveryCodes = await enableTotp(db, actor.userId, actor.sessionId, key);
		await recordAudit(db, {
			actor,
			action: 'account.second_factor.enable',
			resource: `user/${actor.userId}`,
			channel: 'action'
		});
		return { recoveryCodes };
	}
};
