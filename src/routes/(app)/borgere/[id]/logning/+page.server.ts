import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { AuditAccessError, readCitizenAuditLog } from '$lib/server/audit/read';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		return await readCitizenAuditLog(runtime().db, locals.actor!, params.id);
	} catch (e) {
		if (e instanceof AuditAccessError) error(404, t.errors.notFound);
		throw e;
	}
};
