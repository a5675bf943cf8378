import { describe, expect, it } from 'vitest';
import { followUp } from './follow-up';

const thresholds = { warnDays: 7, escalateDays: 14 };
const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

describe('follow-up on contact', () => {
	it('is fine within a week, warns after 7 days and escalates after 14', () => {
		expect(followUp(day(10), null, day(1), day(16), thresholds).level).toBe('ok');
		expect(followUp(day(10), null, day(1), day(17), thresholds).level).toBe('warn');
		expect(followUp(day(10), null, day(1), day(24), thresholds)).toEqual({
			daysSinceContact: 14,
			daysSinceAttempt: null,
			level: 'escalate'
		});
	});

	it('an attempt without contact shows persistence but does not reset the clock', () => {
		const result = followUp(day(1), day(20), day(1), day(22), thresholds);
		expect(result).toEqual({ daysSinceContact: 21, daysSinceAttempt: 2, level: 'escalate' });
	});

	it('a real contact resets it', () => {
		expect(followUp(day(21), day(20), day(1), day(22), thresholds)).toEqual({
			daysSinceContact: 1,
			daysSinceAttempt: null,
			level: 'ok'
		});
	});

	it('a citizen never reached counts from the referral', () => {
		expect(followUp(null, null, day(1), day(9), thresholds)).toEqual({
			daysSinceContact: null,
			daysSinceAttempt: null,
			level: 'warn'
		});
	});

	it('honours a team’s own thresholds', () => {
		expect(followUp(day(10), null, day(1), day(13), { warnDays: 3, escalateDays: 5 }).level).toBe(
			'warn'
		);
	});
});
