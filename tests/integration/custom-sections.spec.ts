import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlanPage } from '../../src/lib/server/plan/access';
import { addCustomSection, CustomSectionError } from '../../src/lib/server/plan/custom-sections';
import { actorOf } from '../helpers/factories';
import { connectYjs, upgradeStatus } from '../helpers/yjs-client';
import { startRealtimeContext } from './realtime-context';

let ctx: Awaited<ReturnType<typeof startRealtimeContext>>;
beforeAll(async () => {
	ctx = await startRealtimeContext();
});
afterAll(async () => {
	await ctx?.close();
});

describe('a plan’s own life dimension', () => {
	it('is added by the case manager, named on the plan page and editable live, but never shown to a partner', async () => {
		const citizenId = ctx.citizen.id;
		const section = await addCustomSection(
			ctx.db,
			actorOf(ctx.users.caseManager),
			citizenId,
			'Husdyr'
		);
		const page = await readPlanPage(ctx.db, actorOf(ctx.users.caseManager), citizenId);
		expect(page!.sections.at(-1)).toEqual({ key: section, canWrite: true, title: 'Husdyr' });
		const leaderPage = await readPlanPage(ctx.db, actorOf(ctx.users.leader), citizenId);
		expect(leaderPage!.sections.at(-1)).toMatchObject({ key: section, canWrite: false });
		const partnerPage = await readPlanPage(ctx.db, actorOf(ctx.users.jobcenterPartner), citizenId);
		expect(partnerPage!.sections.map((s) => s.key)).not.toContain(section);

		const url = `${ctx.yjsUrl}/plan/${citizenId}/${section}`;
		const own = connectYjs(ctx.yjsUrl, `plan/${citizenId}/${section}`, ctx.cookies.caseManager);
		await own.synced();
		expect(await upgradeStatus(url, { cookie: ctx.cookies.jobcenterPartner })).toBe(403);
		// A section nobody added cannot be opened by guessing a name.
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/plan/${citizenId}/custom:made-up`, {
				cookie: ctx.cookies.caseManager
			})
		).toBe(404);
		own.destroy();

		const refused = (title: string, user = ctx.users.caseManager) =>
			addCustomSection(ctx.db, actorOf(user), citizenId, title).then(
				() => 'ok',
				(e: unknown) => (e instanceof CustomSectionError ? e.code : String(e))
			);
		expect(await refused('x')).toBe('input');
		expect(await refused('Musik', ctx.users.jobcenterPartner)).toBe('forbidden');
		expect(await refused('Musik', ctx.users.leader)).toBe('forbidden');
	});
});
