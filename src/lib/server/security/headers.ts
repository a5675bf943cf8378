import type { Handle, HandleServerError } from '@sveltejs/kit';
import { t } from '$lib/i18n';

/**
 * Headers beyond the Content-Security-Policy SvelteKit writes (svelte.config.js). Pages behind a
 * login are never cached, so the back button after logout shows nothing sensitive.
 */
export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (event.locals.actor && !event.url.pathname.startsWith('/_app/')) {
		headers.set('Cache-Control', 'no-store');
	}
	return response;
};

/**
 * Unexpected errors are logged with an id and the route, never the URL's query or any personal
 * data; the user gets the id to quote to support.
 */
export const reportError: HandleServerError = ({ error, event, status }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	if (status !== 404) {
		const message = error instanceof Error ? error.message : String(error);
		console.error(
			`[${errorId}] ${event.request.method} ${event.route.id ?? 'unknown route'}: ${message}`
		);
	}
	return { message: status === 404 ? t.errors.notFound : t.errors.generic, errorId };
};
