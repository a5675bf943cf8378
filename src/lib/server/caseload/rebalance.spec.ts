import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestRebalancing, type RebalanceCaseManager, type RebalanceCitizen } from './rebalance';

const manager = (id: string, over: Partial<RebalanceCaseManager> = {}): RebalanceCaseManager => ({
	id,
	name: id,
	teamId: 't1',
	capacity: 8,
	available: true,
	...over
});

/** `n` citizens of one manager, ids `<prefix>01`, `<prefix>02`, … */
const citizensOf = (
	caseManagerId: string,
	n: number,
	over: (i: number) => Partial<RebalanceCitizen> = () => ({}),
	prefix = caseManagerId
): RebalanceCitizen[] =>
	Array.from({ length: n }, (_, i) => ({
		id: `${prefix}${String(i + 1).padStart(2, '0')}`,
		caseManagerId,
		inMoveInPeriod: false,
		knownBy: [],
		...over(i)
	}));

describe('caseload rebalancing', () => {
	it('moves exactly the overload to a colleague with room', () => {
		const result = suggestRebalancing(
			[manager('anna'), manager('bo')],
			[...citizensOf('anna', 10), ...citizensOf('bo', 4)]
		);
		expect(result.moves).toHaveLength(2);
		expect(result.moves.every((m) => m.from === 'anna' && m.to === 'bo')).toBe(true);
		expect(result).toMatchObject({
			feasible: true,
			shortfall: null,
			loadsBefore: { anna: 10, bo: 4 },
			loadsAfter: { anna: 8, bo: 6 }
		});
	});

	it('moves the citizen a colleague already knows', () => {
		const result = suggestRebalancing(
			[manager('anna'), manager('bo'), manager('carl', { teamId: 't2', capacity: 8 })],
			[
				...citizensOf('anna', 9, (i) => (i === 6 ? { knownBy: ['carl'] } : {})),
				...citizensOf('bo', 7)
			]
		);
		expect(result.moves).toEqual([
			{ citizenId: 'anna07', from: 'anna', to: 'carl', fit: 'knows_citizen' }
		]);
	});

	it('prefers a colleague in the same team when nobody knows the citizen', () => {
		const result = suggestRebalancing(
			[manager('anna'), manager('bo', { capacity: 6 }), manager('carl', { teamId: 't2' })],
			[...citizensOf('anna', 9), ...citizensOf('bo', 5)]
		);
		expect(result.moves).toEqual([
			{ citizenId: 'anna01', from: 'anna', to: 'bo', fit: 'same_team' }
		]);
	});

	it('keeps citizens in their move-in period when others can go', () => {
		const result = suggestRebalancing(
			[manager('anna'), manager('bo', { capacity: 8 })],
			citizensOf('anna', 10, (i) => ({ inMoveInPeriod: i < 8 }))
		);
		expect(result.moves.map((m) => m.citizenId)).toEqual(['anna09', 'anna10']);
	});

	it('proposes nothing when everyone is within capacity', () => {
		const result = suggestRebalancing(
			[manager('anna'), manager('bo', { capacity: 4 })],
			[...citizensOf('anna', 8), ...citizensOf('bo', 1)]
		);
		expect(result).toMatchObject({ moves: [], feasible: true, shortfall: null });
	});

	it('reports the shortfall when the team has more citizens than posts', () => {
		const result = suggestRebalancing(
			[manager('anna'), manager('bo')],
			[...citizensOf('anna', 12), ...citizensOf('bo', 8)]
		);
		expect(result).toMatchObject({
			moves: [],
			feasible: false,
			shortfall: { citizens: 4, fte: 0.5 }
		});
	});

	it('lets an absent manager give citizens away but never receive', () => {
		const result = suggestRebalancing(
			[manager('anna', { available: false }), manager('bo', { available: false }), manager('carl')],
			[...citizensOf('anna', 10), ...citizensOf('bo', 2), ...citizensOf('carl', 7)]
		);
		expect(result.moves.map((m) => [m.from, m.to])).toEqual([['anna', 'carl']]);
		expect(result).toMatchObject({ feasible: false, shortfall: { citizens: 1, fte: 0.2 } });
	});

	describe('properties', () => {
		const teamArb = fc
			.array(
				fc.record({
					capacity: fc.integer({ min: 0, max: 10 }),
					available: fc.boolean(),
					teamId: fc.constantFrom('t1', 't2')
				}),
				{ minLength: 1, maxLength: 6 }
			)
			.chain((specs) => {
				const managers = specs.map((s, i) => manager(`m${i}`, s));
				const ids = managers.map((m) => m.id);
				const citizenArb = fc.record({
					caseManagerId: fc.constantFrom(...ids),
					inMoveInPeriod: fc.boolean(),
					knownBy: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 3 })
				});
				return fc.tuple(
					fc.constant(managers),
					fc
						.array(citizenArb, { maxLength: 60 })
						.map((cs) => cs.map((c, i) => ({ id: `c${String(i).padStart(2, '0')}`, ...c })))
				);
			});

		const facts = (managers: RebalanceCaseManager[], citizens: RebalanceCitizen[]) => {
			const load = (id: string) => citizens.filter((c) => c.caseManagerId === id).length;
			const overload = managers.reduce((s, m) => s + Math.max(0, load(m.id) - m.capacity), 0);
			const headroom = managers
				.filter((m) => m.available)
				.reduce((s, m) => s + Math.max(0, m.capacity - load(m.id)), 0);
			return { load, overload, headroom };
		};

		const property = (
			check: (
				managers: RebalanceCaseManager[],
				citizens: RebalanceCitizen[],
				result: ReturnType<typeof suggestRebalancing>
			) => void
		) => {
			fc.assert(
				fc.property(teamArb, ([managers, citizens]) =>
					check(managers, citizens, suggestRebalancing(managers, citizens))
				)
			);
		};

		it('brings everyone within capacity when the headroom suffices', () => {
			property((managers, citizens, result) => {
				const { overload, headroom } = facts(managers, citizens);
				if (headroom < overload) return;
				expect(result.feasible).toBe(true);
				for (const m of managers) expect(result.loadsAfter[m.id]).toBeLessThanOrEqual(m.capacity);
			});
		});

		it('makes exactly min(overload, headroom) moves', () => {
			property((managers, citizens, result) => {
				const { overload, headroom } = facts(managers, citizens);
				expect(result.moves).toHaveLength(Math.min(overload, headroom));
			});
		});

		it('moves each citizen at most once, only from overloaded to available managers', () => {
			property((managers, citizens, result) => {
				const byId = new Map(managers.map((m) => [m.id, m]));
				const owner = new Map(citizens.map((c) => [c.id, c.caseManagerId]));
				expect(new Set(result.moves.map((m) => m.citizenId)).size).toBe(result.moves.length);
				for (const move of result.moves) {
					expect(move.from).not.toBe(move.to);
					expect(owner.get(move.citizenId)).toBe(move.from);
					expect(byId.get(move.to)!.available).toBe(true);
					expect(result.loadsBefore[move.from]).toBeGreaterThan(byId.get(move.from)!.capacity);
				}
			});
		});

		it('moves a move-in citizen only when the manager has too few others to give', () => {
			property((_managers, citizens, result) => {
				const inMoveIn = new Set(citizens.filter((c) => c.inMoveInPeriod).map((c) => c.id));
				for (const move of result.moves.filter((m) => inMoveIn.has(m.citizenId))) {
					const movedFrom = result.moves.filter((m) => m.from === move.from).length;
					const settled = citizens.filter(
						(c) => c.caseManagerId === move.from && !c.inMoveInPeriod
					).length;
					expect(movedFrom).toBeGreaterThan(settled);
				}
			});
		});

		it('reports a shortfall exactly when the headroom falls short', () => {
			property((managers, citizens, result) => {
				const { overload, headroom } = facts(managers, citizens);
				expect(result.feasible).toBe(overload <= headroom);
				if (overload > headroom) {
					expect(result.shortfall!.citizens).toBe(overload - headroom);
					expect(result.shortfall!.fte).toBe(Math.ceil(((overload - headroom) / 8) * 10) / 10);
				} else expect(result.shortfall).toBeNull();
			});
		});

		it('keeps loadsAfter consistent with the moves and the citizen count unchanged', () => {
			property((managers, citizens, result) => {
				const { load } = facts(managers, citizens);
				const expected = Object.fromEntries(managers.map((m) => [m.id, load(m.id)]));
				expect(result.loadsBefore).toEqual(expected);
				for (const move of result.moves) {
					expected[move.from] = (expected[move.from] ?? 0) - 1;
					expected[move.to] = (expected[move.to] ?? 0) + 1;
				}
				expect(result.loadsAfter).toEqual(expected);
				const total = (loads: Record<string, number>) =>
					Object.values(loads).reduce((a, b) => a + b, 0);
				expect(total(result.loadsAfter)).toBe(citizens.length);
			});
		});

		it('is deterministic', () => {
			property((managers, citizens, result) => {
				expect(suggestRebalancing(managers, citizens)).toEqual(result);
			});
		});
	});
});
