import type { Cookies } from '@sveltejs/kit';
import { parse } from 'cookie';

export const SESSION_COOKIE = 'samplan_session';

/** Secure whenever the site is served over https, as it must be in production. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

/** The session token from a raw Cookie header, for websocket upgrades outside SvelteKit. */
export function sessionTokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	return parse(header)[SESSION_COOKIE] ?? null;
}
