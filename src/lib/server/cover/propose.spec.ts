import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeCover, type CitizenToCover, type CoverCandidate } from './propose';

const colleague = (id: string, over: Partial<CoverCandidate> = {}): CoverCandidate => ({
	id,
	name: id,
	capacity: 8,
	load: 4,
	coversInWindow: 0,
	absentInWindow: false,
	...over
});

const citizen = (citizenId: string, over: Partial<CitizenToCover> = {}): CitizenToCover => ({
	citizenId,
	buddyId: null,
	coveredBeforeBy: [],
	joinedVisitsBy: [],
	priority: false,
	...over
});

const headroomOf = (c: CoverCandidate) => c.capacity - c.load - c.coversInWindow;

describe('cover proposals', () => {
	it('proposes the buddy when they have room', () => {
		const [proposal] = proposeCover(
			[citizen('c1', { buddyId: 'bo', coveredBeforeBy: ['anna'] })],
			[colleague('anna', { load: 0 }), colleague('bo', { load: 6 })]
		);
		expect(proposal).toEqual({
			citizenId: 'c1',
			coverUserId: 'bo',
			reason: 'buddy',
			overCapacity: false
		});
	});

	it('skips an absent buddy for the colleague who covered before', () => {
		const [proposal] = proposeCover(
			[citizen('c1', { buddyId: 'bo', coveredBeforeBy: ['anna'], joinedVisitsBy: ['carl'] })],
			[colleague('anna'), colleague('bo', { absentInWindow: true }), colleague('carl', { load: 0 })]
		);
		expect(proposal).toMatchObject({ coverUserId: 'anna', reason: 'covered_before' });
	});

	it('passes over a full known colleague for someone with room', () => {
		const [proposal] = proposeCover(
			[citizen('c1', { buddyId: 'bo' })],
			[colleague('bo', { load: 6, coversInWindow: 2 }), colleague('anna')]
		);
		expect(proposal).toEqual({
			citizenId: 'c1',
			coverUserId: 'anna',
			reason: 'same_team',
			overCapacity: false
		});
	});

	it('with nobody having room, proposes the least overloaded known colleague, flagged', () => {
		const [proposal] = proposeCover(
			[citizen('c1', { coveredBeforeBy: ['anna', 'bo'] })],
			[
				colleague('anna', { load: 10 }),
				colleague('bo', { load: 8, coversInWindow: 1 }),
				colleague('carl', { load: 8 })
			]
		);
		expect(proposal).toEqual({
			citizenId: 'c1',
			coverUserId: 'bo',
			reason: 'covered_before',
			overCapacity: true
		});
	});

	it('says no one is available when every colleague is absent', () => {
		const proposals = proposeCover(
			[citizen('c1', { buddyId: 'bo' }), citizen('c2')],
			[colleague('bo', { absentInWindow: true })]
		);
		expect(proposals.map((p) => [p.coverUserId, p.reason])).toEqual([
			[null, 'no_one_available'],
			[null, 'no_one_available']
		]);
	});

	it('spreads ten unknown citizens evenly over three colleagues', () => {
		const citizens = Array.from({ length: 10 }, (_, i) => citizen(`c${i}`));
		const proposals = proposeCover(citizens, [
			colleague('anna', { load: 0 }),
			colleague('bo', { load: 0 }),
			colleague('carl', { load: 0 })
		]);
		const counts = ['anna', 'bo', 'carl'].map(
			(id) => proposals.filter((p) => p.coverUserId === id).length
		);
		expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
		expect(proposals.every((p) => p.reason === 'same_team' && !p.overCapacity)).toBe(true);
	});

	it('gives the only known colleague to the priority citizen when two compete', () => {
		const proposals = proposeCover(
			[
				citizen('calm', { coveredBeforeBy: ['anna'] }),
				citizen('moving-in', { coveredBeforeBy: ['anna'], priority: true })
			],
			[colleague('anna', { load: 7 }), colleague('bo')]
		);
		expect(proposals.map((p) => [p.citizenId, p.coverUserId, p.reason])).toEqual([
			['calm', 'bo', 'same_team'],
			['moving-in', 'anna', 'covered_before']
		]);
	});

	it('does not rob a citizen of their one known colleague', () => {
		const proposals = proposeCover(
			[
				citizen('knows-two', { coveredBeforeBy: ['anna', 'bo'] }),
				citizen('knows-one', { joinedVisitsBy: ['anna'] })
			],
			[colleague('anna', { load: 7 }), colleague('bo', { load: 7 })]
		);
		expect(proposals.map((p) => [p.coverUserId, p.reason])).toEqual([
			['bo', 'covered_before'],
			['anna', 'joined_visits']
		]);
	});

	it('breaks ties by name in Danish alphabetical order', () => {
		const [proposal] = proposeCover(
			[citizen('c1')],
			[colleague('u1', { name: 'Åse' }), colleague('u2', { name: 'Zenia' })]
		);
		expect(proposal?.coverUserId).toBe('u2');
	});
});

const NAMES = ['Anna', 'Bo', 'Åse', 'Ørsted', 'Anna'];

const scenario = fc
	.array(
		fc.record({
			name: fc.constantFrom(...NAMES),
			capacity: fc.integer({ min: 0, max: 8 }),
			load: fc.integer({ min: 0, max: 10 }),
			coversInWindow: fc.integer({ min: 0, max: 3 }),
			absentInWindow: fc.boolean()
		}),
		{ maxLength: 8 }
	)
	.chain((rows) => {
		const candidates: CoverCandidate[] = rows.map((row, i) => ({ id: `u${i}`, ...row }));
		// A stranger id that is not in the team: the caller may pass history with people who left.
		const ids = [...candidates.map((c) => c.id), 'former-colleague'];
		const citizenArb = fc.record({
			buddyId: fc.option(fc.constantFrom(...ids)),
			coveredBeforeBy: fc.subarray(ids),
			joinedVisitsBy: fc.subarray(ids),
			priority: fc.boolean()
		});
		return fc.record({
			candidates: fc.constant(candidates),
			citizens: fc
				.array(citizenArb, { maxLength: 12 })
				.map((list) => list.map((c, i) => ({ citizenId: `c${i}`, ...c }))),
			order: fc.shuffledSubarray(candidates, {
				minLength: candidates.length,
				maxLength: candidates.length
			})
		});
	});

describe('cover proposals, for any team', () => {
	it('proposes once per citizen in input order, never an absent colleague', () => {
		fc.assert(
			fc.property(scenario, ({ candidates, citizens }) => {
				const proposals = proposeCover(citizens, candidates);
				expect(proposals.map((p) => p.citizenId)).toEqual(citizens.map((c) => c.citizenId));
				const present = new Set(candidates.filter((c) => !c.absentInWindow).map((c) => c.id));
				for (const p of proposals) {
					expect(p.reason === 'no_one_available').toBe(present.size === 0);
					expect(p.coverUserId === null).toBe(present.size === 0);
					if (p.coverUserId !== null) expect(present.has(p.coverUserId)).toBe(true);
				}
			})
		);
	});

	it('overloads nobody when the team has room for everyone', () => {
		fc.assert(
			fc.property(scenario, ({ candidates, citizens }) => {
				const present = candidates.filter((c) => !c.absentInWindow);
				const room = present.reduce((sum, c) => sum + Math.max(0, headroomOf(c)), 0);
				const proposals = proposeCover(citizens, candidates);
				const overloaded = present.filter((c) => {
					const given = proposals.filter((p) => p.coverUserId === c.id).length;
					return given > 0 && headroomOf(c) - given < 0;
				});
				if (room >= citizens.length) {
					expect(proposals.filter((p) => p.overCapacity)).toEqual([]);
					expect(overloaded).toEqual([]);
				}
				expect(proposals).toHaveLength(citizens.length);
			})
		);
	});

	it('names a colleague who matches the stated reason', () => {
		fc.assert(
			fc.property(scenario, ({ candidates, citizens }) => {
				const proposals = proposeCover(citizens, candidates);
				proposals.forEach((p, i) => {
					const c = citizens[i]!;
					if (p.reason === 'buddy') expect(p.coverUserId).toBe(c.buddyId);
					if (p.reason === 'covered_before') expect(c.coveredBeforeBy).toContain(p.coverUserId);
					if (p.reason === 'joined_visits') expect(c.joinedVisitsBy).toContain(p.coverUserId);
				});
				expect(proposals).toHaveLength(citizens.length);
			})
		);
	});

	it('never falls back to the wider team while a known colleague has room', () => {
		fc.assert(
			fc.property(scenario, ({ candidates, citizens }) => {
				const [one] = citizens;
				if (!one) return;
				const [proposal] = proposeCover([one], candidates);
				const knownWithRoom = candidates.some(
					(c) =>
						!c.absentInWindow &&
						headroomOf(c) > 0 &&
						(c.id === one.buddyId ||
							one.coveredBeforeBy.includes(c.id) ||
							one.joinedVisitsBy.includes(c.id))
				);
				if (knownWithRoom) expect(proposal?.reason).not.toBe('same_team');
				expect(proposal?.overCapacity).toBe(
					!candidates.some((c) => !c.absentInWindow && headroomOf(c) > 0) &&
						proposal?.coverUserId !== null
				);
			})
		);
	});

	it('is deterministic, whatever order the colleagues are listed in', () => {
		fc.assert(
			fc.property(scenario, ({ candidates, citizens, order }) => {
				const first = proposeCover(citizens, candidates);
				expect(proposeCover(citizens, candidates)).toEqual(first);
				expect(proposeCover(citizens, order)).toEqual(first);
			})
		);
	});
});
