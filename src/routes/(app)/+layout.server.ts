import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** Everything inside (app) needs a session; the policy decides the rest, page by page. */
export const load: LayoutServerLoad = ({ locals }) => {
	const pending = locals.pendingSecondFactor;
	if (pending) redirect(303, pending.state === 'verify' ? '/login/totp' : '/login/totp/opsaetning');
	if (!locals.actor) redirect(303, '/login');
};
