import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { handleSession } from '$lib/server/auth/handle';
import { exposeServerEntry } from '$lib/server/entry';
import { startRuntime } from '$lib/server/runtime';
import { handleSecurityHeaders, reportError } from '$lib/server/security/headers';

export const init: ServerInit = async () => {
	await startRuntime();
	exposeServerEntry();
};

export const handle = sequence(handleSession, handleSecurityHeaders);

export const handleError: HandleServerError = reportError;
