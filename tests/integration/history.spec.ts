import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addAction, addGoal } from '../../src/lib/plan/items';
import { dimensionRoots, itemArray } from '../../src/lib/plan/schema';
import { planVersions } from '../../src/lib/server/db/schema';
import {
	compareVersions,
	createDailyVersions,
	HistoryError,
	listVersions,
	restoreVersion,
	saveNamedVersion
} from '../../src/lib/server/plan/history';
import { readStoredSection } from '../../src/lib/server/plan/stored';
import { actorOf } from '../helpers/factories';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';
import { outcomeOf } from '../helpers/errors';

const ctx = useRealtimeContext();

const code = outcomeOf(HistoryError);

describe('plan history', () => {
	it('compares versions with who changed what, and restores an old version live as a new edit', async () => {
		const caseManager = actorOf(ctx.users.caseManager);
		const citizenId = ctx.citizen.id;
		const name = `plan/${citizenId}/housing`;
		const writer = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		const watcher = connectYjs(ctx.yjsUrl, name, ctx.cookies.leader);
		await Promise.all([writer.synced(), watcher.synced()]);
		const goals = dimensionRoots(writer.doc).goals;
		addGoal(goals, 'Egen bolig');
		addAction(itemArray(goals.get(0), 'actions')!, { what: 'Søg boligstøtte' });
		const stored = async (what: string[]) =>
			eventually(async () => {
				const section = await readStoredSection(ctx.db, citizenId, 'housing');
				const actions =
					section.kind === 'dimension'
						? section.goals.flatMap((g) => g.actions.map((a) => a.what))
						: [];
				expect(actions).toEqual(what);
			});
		await stored(['Søg boligstøtte']);
		const first = await saveNamedVersion(ctx.db, caseManager, citizenId, 'Før mødet');

		// The action is dropped and another one added.
		const actions = itemArray(goals.get(0), 'actions')!;
		writer.doc.transact(() => actions.delete(0, 1));
		addAction(actions, { what: 'Ring til boligkontoret' });
		await stored(['Ring til boligkontoret']);

		const diff = await compareVersions(ctx.db, caseManager, citizenId, first, 'now');
		expect(diff).toHaveLength(1);
		expect(diff[0]).toMatchObject({ section: 'housing', authors: ['Mette Sag'] });
		expect(diff[0]!.removed.join('\n')).toContain('Søg boligstøtte');
		expect(diff[0]!.added.join('\n')).toContain('Ring til boligkontoret');

		expect(await restoreVersion(ctx.db, caseManager, citizenId, first)).toBe(1);
		await stored(['Søg boligstøtte']);
		// The other screen sees the restore live, without reloading.
		await eventually(() => {
			const live = dimensionRoots(watcher.doc).goals.toJSON() as { actions: { what: string }[] }[];
			expect(live[0]!.actions.map((a) => String(a.what))).toEqual(['Søg boligstøtte']);
		});
		const versions = await listVersions(ctx.db, caseManager, citizenId);
		expect(versions.map((v) => v.kind)).toEqual(['restore', 'named']);
		// What the restore replaced is still there to go back to.
		const undoRestore = await compareVersions(
			ctx.db,
			caseManager,
			citizenId,
			versions[0]!.id,
			'now'
		);
		expect(undoRestore[0]!.removed.join('\n')).toContain('Ring til boligkontoret');
		writer.destroy();
		watcher.destroy();
	});

	it('keeps one daily version of a changed plan, and keeps partners and the team leader from writing history', async () => {
		const citizenId = ctx.citizen.id;
		const tomorrow = new Date(Date.now() + 26 * 3600_000);
		const before = await ctx.db
			.select()
			.from(planVersions)
			.where(eq(planVersions.citizenId, citizenId));
		expect(await createDailyVersions(ctx.db, tomorrow)).toBe(1);
		expect(await createDailyVersions(ctx.db, tomorrow)).toBe(0);
		const after = await ctx.db
			.select()
			.from(planVersions)
			.where(eq(planVersions.citizenId, citizenId));
		expect(after.length).toBe(before.length + 1);

		expect(await code(listVersions(ctx.db, actorOf(ctx.users.jobcenterPartner), citizenId))).toBe(
			'forbidden'
		);
		expect(await code(saveNamedVersion(ctx.db, actorOf(ctx.users.leader), citizenId, 'X'))).toBe(
			'forbidden'
		);
		expect(await code(listVersions(ctx.db, actorOf(ctx.users.leader), citizenId))).toBe('ok');
		expect(
			await code(saveNamedVersion(ctx.db, actorOf(ctx.users.caseManager), citizenId, ''))
		).toBe('input');
	});
});
