import type { Handle } from '@sveltejs/kit';
import { runtime } from '../runtime';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from './cookie';
import { validateSessionToken, sessionLifetime } from './session';

/** Resolves the session cookie to an actor for every request; never trusts anything else. */
export const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.actor = null;
	event.locals.pendingSecondFactor = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { db, config } = runtime();
		const session = await validateSessionToken(db, token, sessionLifetime(config));
		if (session) {
			if (session.twoFactor === 'ok') event.locals.actor = session.actor;
			else event.locals.pendingSecondFactor = { actor: session.actor, state: session.twoFactor };
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};
