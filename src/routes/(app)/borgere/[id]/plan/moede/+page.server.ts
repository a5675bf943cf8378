import { error, fail } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import { readPlanPage } from '$lib/server/plan/access';
import {
	endMeeting,
	MeetingError,
	meetingParticipants,
	openMeeting,
	startMeeting
} from '$lib/server/plan/meetings';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db } = runtime();
	const plan = await readPlanPage(db, locals.actor!, params.id);
	if (!plan) error(404, t.errors.notFound);
	const meeting = await openMeeting(db, params.id);
	return {
		plan,
		meeting,
		participants: meeting ? await meetingParticipants(db, params.id, meeting.startedAt) : []
	};
};

async function attempt<T>(run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof MeetingError)
			return fail(e.code === 'forbidden' ? 403 : 400, { error: e.code });
		throw e;
	}
}

export const actions: Actions = {
	start: async ({ locals, params, request }) => {
		const form = await request.formData();
		return attempt(async () => {
			await startMeeting(
				runtime().db,
				locals.actor!,
				params.id,
				form.get('citizenPresent') === 'on'
			);
			return { started: true };
		});
	},
	end: ({ locals, params }) =>
		attempt(async () => {
			await endMeeting(runtime().db, locals.actor!, params.id);
			return { ended: true };
		})
};
