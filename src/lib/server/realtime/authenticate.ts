import type { IncomingMessage } from 'node:http';
import { sessionTokenFromCookieHeader } from '../auth/cookie';
import { validateSessionToken, sessionLifetime } from '../auth/session';
import type { Actor } from '../policy/actor';
import type { Runtime } from '../runtime';

/**
 * Validations under way, by token. A plan page opens a socket per section at once, and after a
 * restart every open page reconnects: requests that arrive while the same token is being
 * checked share that check. Nothing is kept once it has answered.
 */
const checking = new Map<string, Promise<Actor | null>>();

/** The same session check SvelteKit's hook does, for requests that bypass SvelteKit. */
export function authenticateRequest(
	runtime: Runtime,
	request: IncomingMessage
): Promise<Actor | null> {
	const token = sessionTokenFromCookieHeader(request.headers.cookie);
	if (!token) return Promise.resolve(null);
	let check = checking.get(token);
	if (!check) {
		check = validateSessionToken(runtime.db, token, sessionLifetime(runtime.config))
			.then((session) => (session?.twoFactor === 'ok' ? session.actor : null))
			.finally(() => checking.delete(token));
		checking.set(token, check);
	}
	return check;
}

/**
 * Browsers always send Origin on websocket upgrades; a page on another site must not be able to
 * open a socket with our cookie (cross-site websocket hijacking). Non-browser clients may omit it.
 */
export function isSameOrigin(request: IncomingMessage, configuredOrigin?: string): boolean {
	const origin = request.headers.origin;
	if (!origin) return true;
	if (configuredOrigin) return origin === new URL(configuredOrigin).origin;
	try {
		return new URL(origin).host === request.headers.host;
	} catch {
		return false;
	}
}
