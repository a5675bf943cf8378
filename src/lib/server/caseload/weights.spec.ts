import { describe, expect, it } from 'vitest';
import { citizenWeight, DEFAULT_WEIGHTS, weightedLoad, weightsOf } from './weights';

const ordinary = { inMoveInPeriod: false, acute: false, hoursLastWeek: 1 };

describe('weighted load', () => {
	it('counts an ordinary citizen as one, and a move-in or acute citizen as more', () => {
		expect(citizenWeight(ordinary, DEFAULT_WEIGHTS)).toBe(1);
		expect(citizenWeight({ ...ordinary, inMoveInPeriod: true }, DEFAULT_WEIGHTS)).toBe(1.5);
		expect(citizenWeight({ ...ordinary, acute: true, inMoveInPeriod: true }, DEFAULT_WEIGHTS)).toBe(
			1.5
		);
	});

	it('weighs a citizen who needed ten hours this week more than one who needed one', () => {
		const busy = citizenWeight({ ...ordinary, hoursLastWeek: 10 }, DEFAULT_WEIGHTS);
		expect(busy).toBe(2);
		expect(busy).toBeGreaterThan(citizenWeight(ordinary, DEFAULT_WEIGHTS));
	});

	it('adds the citizens covered for colleagues, and follows a team’s own weights', () => {
		expect(weightedLoad([ordinary, ordinary], 3, DEFAULT_WEIGHTS)).toBe(5);
		const team = weightsOf({ coverShare: 0.5, moveInPeriod: 2 });
		expect(weightedLoad([{ ...ordinary, inMoveInPeriod: true }], 2, team)).toBe(3);
	});
});
