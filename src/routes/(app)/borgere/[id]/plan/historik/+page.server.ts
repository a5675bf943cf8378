import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { t } from '$lib/i18n';
import { readCitizenOverview } from '$lib/server/citizens/overview';
import {
	compareVersions,
	HistoryError,
	listVersions,
	restoreVersion,
	saveNamedVersion
} from '$lib/server/plan/history';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

const comparison = z.object({ fra: z.uuid(), til: z.union([z.uuid(), z.literal('now')]) });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = runtime();
	const actor = locals.actor!;
	try {
		const versions = await listVersions(db, actor, params.id);
		const { overview } = await readCitizenOverview(db, actor, params.id);
		const asked = comparison.safeParse({
			fra: url.searchParams.get('fra') ?? undefined,
			til: url.searchParams.get('til') ?? 'now'
		});
		const diff = asked.success
			? await compareVersions(db, actor, params.id, asked.data.fra, asked.data.til)
			: null;
		return {
			citizenId: params.id,
			citizenName: overview?.name ?? '',
			versions,
			compared: asked.success ? asked.data : null,
			diff
		};
	} catch (e) {
		if (e instanceof HistoryError) error(404, t.errors.notFound);
		throw e;
	}
};

async function attempt<T>(run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof HistoryError)
			return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code });
		throw e;
	}
}

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const name = String((await request.formData()).get('name') ?? '');
		return attempt(async () => {
			await saveNamedVersion(runtime().db, locals.actor!, params.id, name);
			return { saved: true };
		});
	},
	restore: async ({ locals, params, request }) => {
		const parsed = z
			.object({ versionId: z.uuid() })
			.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: 'not_found' as const });
		return attempt(async () => ({
			restored: await restoreVersion(runtime().db, locals.actor!, params.id, parsed.data.versionId)
		}));
	}
};
