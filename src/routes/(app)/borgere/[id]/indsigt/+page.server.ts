import { error } from '@sveltejs/kit';
import { subMonths } from 'date-fns';
import { t } from '$lib/i18n';
import { AuditAccessError, citizenAccessReport } from '$lib/server/audit/read';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

const PERIODS = [3, 6, 12, 24] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asked = Number(url.searchParams.get('maaneder'));
	const months = PERIODS.find((p) => p === asked) ?? 12;
	const since = subMonths(new Date(), months);
	try {
		const report = await citizenAccessReport(runtime().db, locals.actor!, params.id, since);
		return { ...report, since, months, periods: PERIODS };
	} catch (e) {
		if (e instanceof AuditAccessError) error(404, t.errors.notFound);
		throw e;
	}
};
