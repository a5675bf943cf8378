import { fail, redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { lockedUntil, recordFailure } from '$lib/server/auth/throttle';
import { verifySecondFactor } from '$lib/server/auth/two-factor';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.pendingSecondFactor?.state !== 'verify') redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const pending = locals.pendingSecondFactor;
		if (pending?.state !== 'verify') redirect(303, '/');
		const { db } = runtime();
		// Codes are six digits: the same database throttle as passwords keeps guessing pointless.
		const keys = { account: `totp:${pending.actor.userId}`, address: `ip:${getClientAddress()}` };
		if (await lockedUntil(db, keys)) return fail(429, { wrong: true });
		const form = await request.formData();
		const ok = await verifySecondFactor(db, pending.actor.userId, pending.actor.sessionId, {
			code: String(form.get('code') ?? '') || undefined,
			recoveryCode: String(form.get('recoveryCode') ?? '') || undefined
		});
		if (!ok) {
			await recordFailure(db, keys);
			return fail(400, { wrong: true });
		}
		await recordAudit(db, {
			actor: pending.actor,
			action: 'session.second_factor',
			resource: `user/${pending.actor.userId}`,
			channel: 'action'
		});
		redirect(303, '/');
	}
};
