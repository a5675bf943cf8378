import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { planUpdates, planVersions } from '../../src/lib/server/db/schema';
import {
	endMeeting,
	MeetingError,
	openMeeting,
	startMeeting
} from '../../src/lib/server/plan/meetings';
import { actorOf } from '../helpers/factories';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';
import { outcomeOf } from '../helpers/errors';

const ctx = useRealtimeContext();

const code = outcomeOf(MeetingError);

describe('a plan meeting', () => {
	it('lists who joined the plan, and its end keeps the plan as an automatic version', async () => {
		const caseManager = actorOf(ctx.users.caseManager);
		const citizenId = ctx.citizen.id;
		await startMeeting(ctx.db, caseManager, citizenId, true);
		expect(await code(startMeeting(ctx.db, caseManager, citizenId, false))).toBe('already_open');
		expect(
			await code(startMeeting(ctx.db, actorOf(ctx.users.jobcenterPartner), citizenId, false))
		).toBe('forbidden');

		const name = `plan/${citizenId}/education_employment`;
		const partner = connectYjs(ctx.yjsUrl, name, ctx.cookies.jobcenterPartner);
		const own = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await Promise.all([partner.synced(), own.synced()]);
		own.text().insert(0, 'Praktik hos Genbrugsen aftalt på mødet. ');
		await eventually(async () => {
			const stored = await ctx.db
				.select()
				.from(planUpdates)
				.where(eq(planUpdates.documentName, name));
			expect(stored.length).toBeGreaterThan(0);
		});

		const meeting = await openMeeting(ctx.db, citizenId);
		expect(meeting).toMatchObject({ citizenPresent: true, startedBy: 'Mette Sag' });
		const versionId = await endMeeting(ctx.db, caseManager, citizenId);
		expect(await openMeeting(ctx.db, citizenId)).toBeNull();
		const [version] = await ctx.db
			.select()
			.from(planVersions)
			.where(eq(planVersions.id, versionId));
		const [last] = await ctx.db
			.select({ id: planUpdates.id })
			.from(planUpdates)
			.where(eq(planUpdates.documentName, name))
			.orderBy(planUpdates.id)
			.limit(1)
			.offset(0);
		expect(version!.kind).toBe('meeting_end');
		expect(version!.throughUpdateIds[name]).toBeGreaterThanOrEqual(last!.id);
		expect(await code(endMeeting(ctx.db, caseManager, citizenId))).toBe('not_open');
		partner.destroy();
		own.destroy();
	});
});
