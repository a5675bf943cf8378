import { describe, expect, it } from 'vitest';
import { fromCopenhagenLocal } from '../../dates';
import { copenhagenWeeks, sumHoursByWeek } from './support-hours';

const at = fromCopenhagenLocal;

describe('Copenhagen weeks for support hours', () => {
	it('ends with the week now falls in and starts each week on Monday at midnight Copenhagen time', () => {
		const weeks = copenhagenWeeks(at('2026-11-25T12:00'), 3);
		expect(weeks.map((w) => [w.label, w.weekStart])).toEqual([
			['uge 46', '2026-11-09'],
			['uge 47', '2026-11-16'],
			['uge 48', '2026-11-23']
		]);
		// Winter: Monday 00:00 in Copenhagen is Sunday 23:00 UTC.
		expect(weeks[2]!.start.toISOString()).toBe('2026-11-22T23:00:00.000Z');
		expect(weeks[2]!.end.toISOString()).toBe('2026-11-29T23:00:00.000Z');
	});

	it('crosses the new year by ISO week numbers (2026 has a week 53)', () => {
		const weeks = copenhagenWeeks(at('2027-01-13T09:00'), 3);
		expect(weeks.map((w) => w.label)).toEqual(['uge 53', 'uge 1', 'uge 2']);
		expect(weeks[0]!.weekStart).toBe('2026-12-28');
	});

	it('puts Sunday late evening and Monday just after midnight in different weeks across the summer-time change', () => {
		// Summer time starts on Sunday 29 March 2026: that week is 167 hours long.
		const weeks = copenhagenWeeks(at('2026-04-01T12:00'), 2);
		expect(weeks[0]!.end.getTime() - weeks[0]!.start.getTime()).toBe(167 * 3600 * 1000);
		const hours = sumHoursByWeek(weeks, [
			{ occurredAt: at('2026-03-29T23:30'), kind: 'visit', durationMinutes: 60 },
			{ occurredAt: at('2026-03-30T00:10'), kind: 'phone', durationMinutes: 15 },
			{ occurredAt: at('2026-03-30T10:00'), kind: 'attempt', durationMinutes: 30 }
		]);
		expect(hours).toEqual([
			{ week: 'uge 13', weekStart: '2026-03-23', contactHours: 1, attemptHours: 0 },
			{ week: 'uge 14', weekStart: '2026-03-30', contactHours: 0.25, attemptHours: 0.5 }
		]);
	});
});
