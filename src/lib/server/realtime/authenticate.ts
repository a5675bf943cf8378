import type { IncomingMessage } from 'node:http';
import { sessionTokenFromCookieHeader } from '../auth/cookie';
import { validateSessionToken, sessionLifetime } from '../auth/session';
import type { Actor } from '../policy/actor';
import type { Runtime } from '../runtime';

/** The same session check SvelteKit's hook does, for requests that bypass SvelteKit. */
export async function authenticateRequest(
	runtime: Runtime,
	request: IncomingMessage
): Promise<Actor | null> {
	const token = sessionTokenFromCookieHeader(request.headers.cookie);
	if (!token) return null;
	const session = await validateSessionToken(runtime.db, token, sessionLifetime(runtime.config));
	return session?.twoFactor === 'ok' ? session.actor : null;
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
