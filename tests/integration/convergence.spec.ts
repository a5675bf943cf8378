import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addAction, addGoal, removeItem } from '../../src/lib/plan/items';
import { ACTION_STATUSES, dimensionRoots, itemArray, itemId } from '../../src/lib/plan/schema';
import { planItems } from '../../src/lib/server/db/schema';
import { readStoredSection } from '../../src/lib/server/plan/stored';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';

const ctx = useRealtimeContext();

type Client = ReturnType<typeof connectYjs>;

describe('many hands on one plan', () => {
	it('five clients typing into the same field and adding goals at once converge, with what is stored', async () => {
		const name = `plan/${ctx.citizen.id}/daily_activities`;
		const clients: Client[] = Array.from({ length: 5 }, () =>
			connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager)
		);
		await Promise.all(clients.map((c) => c.synced()));
		// Seeded, so a failure can be replayed: every client types and adds goals concurrently.
		const rounds = fc.sample(
			fc.array(fc.tuple(fc.nat(4), fc.nat(40), fc.string({ minLength: 1, maxLength: 6 })), {
				minLength: 60,
				maxLength: 60
			}),
			{ seed: 4711, numRuns: 1 }
		)[0]!;
		for (const [who, at, text] of rounds) {
			const field = clients[who]!.text('situationNote');
			field.insert(Math.min(at, field.length), text);
			if (at % 7 === 0) addGoal(dimensionRoots(clients[who]!.doc).goals, `Mål fra ${who}`);
		}
		const json = (c: Client) =>
			JSON.stringify({
				note: c.text('situationNote').toString(),
				goals: dimensionRoots(c.doc).goals.toJSON()
			});
		await eventually(() => {
			const states = clients.map(json);
			expect(new Set(states).size).toBe(1);
		}, 10_000);
		const goals = (JSON.parse(json(clients[0]!)) as { goals: unknown[] }).goals.length;
		expect(goals).toBe(rounds.filter(([, at]) => at % 7 === 0).length);
		// A newcomer loads exactly what the five agreed on: it was stored, not only relayed.
		await eventually(async () => {
			const late = connectYjs(ctx.yjsUrl, name, ctx.cookies.leader);
			await late.synced();
			const same = json(late) === json(clients[0]!);
			late.destroy();
			expect(same).toBe(true);
		});
		for (const c of clients) c.destroy();
	});

	it('shows the five present, and clears one who leaves', async () => {
		const name = `plan/${ctx.citizen.id}/physical_health`;
		const clients: Client[] = Array.from({ length: 5 }, () =>
			connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager)
		);
		await Promise.all(clients.map((c) => c.synced()));
		for (const c of clients) c.provider.awareness.setLocalStateField('active', true);
		const present = (c: Client) =>
			[...c.provider.awareness.getStates().values()].filter(
				(s) => (s as { active?: boolean }).active
			).length;
		await eventually(() => expect(clients.map(present)).toEqual([5, 5, 5, 5, 5]));
		clients[4]!.destroy();
		await eventually(() => expect(clients.slice(0, 4).map(present)).toEqual([4, 4, 4, 4]));
		for (const c of clients.slice(0, 4)) c.destroy();
	});

	it('keeps the SQL projection equal to the document after random edit sequences', async () => {
		for (const seed of [1, 2, 3]) {
			const section = (['housing', 'economy', 'substance_use'] as const)[seed - 1]!;
			const name = `plan/${ctx.citizen.id}/${section}`;
			const client = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
			await client.synced();
			const goals = dimensionRoots(client.doc).goals;
			const steps = fc.sample(
				fc.array(fc.tuple(fc.nat(5), fc.nat(100)), { minLength: 40, maxLength: 40 }),
				{
					seed,
					numRuns: 1
				}
			)[0]!;
			for (const [op, n] of steps) {
				const allActions = goals.toArray().flatMap((g) => itemArray(g, 'actions')?.toArray() ?? []);
				if (op === 0 || goals.length === 0) addGoal(goals, `Mål ${n}`);
				else if (op <= 2) {
					const goal = goals.get(n % goals.length);
					addAction(itemArray(goal, 'actions')!, {
						what: `Handling ${n}`,
						due: n % 2 ? `2031-0${(n % 9) + 1}-1${n % 10}` : null
					});
				} else if (op === 3 && allActions.length > 0) {
					allActions[n % allActions.length]!.set('status', ACTION_STATUSES[n % 4]);
				} else if (op === 4 && allActions.length > 0) {
					const goal = goals.toArray().find((g) => (itemArray(g, 'actions')?.length ?? 0) > 0)!;
					const actions = itemArray(goal, 'actions')!;
					removeItem(actions, itemId(actions.get(n % actions.length)));
				} else if (goals.length > 1) {
					removeItem(goals, itemId(goals.get(n % goals.length)));
				}
			}
			await eventually(async () => {
				const stored = await readStoredSection(ctx.db, ctx.citizen.id, section);
				const expected =
					stored.kind === 'dimension'
						? stored.goals
								.flatMap((g) => [
									`goal:${g.id}:${g.title}`,
									...g.actions.map((a) => `action:${a.id}:${a.what}:${a.due ?? '-'}:${a.status}`)
								])
								.sort()
						: [];
				const rows = await ctx.db
					.select()
					.from(planItems)
					.where(and(eq(planItems.citizenId, ctx.citizen.id), eq(planItems.section, section)));
				const projected = rows
					.filter((r) => r.kind !== 'subgoal')
					.map((r) =>
						r.kind === 'goal'
							? `goal:${r.itemId}:${r.title}`
							: `action:${r.itemId}:${r.title}:${r.dueOn ?? '-'}:${r.status}`
					)
					.sort();
				expect(expected.length).toBeGreaterThan(0);
				expect(projected).toEqual(expected);
			}, 15_000);
			client.destroy();
		}
	});
});
