import { describe, expect, it } from 'vitest';
import { copenhagenDate, endOfCopenhagenDay, formatDanishDate } from './dates';

describe('Copenhagen calendar', () => {
	it('ends a winter day at 23:59:59.999 CET and a summer day at 23:59:59.999 CEST', () => {
		expect(endOfCopenhagenDay('2026-01-15').toISOString()).toBe('2026-01-15T22:59:59.999Z');
		expect(endOfCopenhagenDay('2026-07-15').toISOString()).toBe('2026-07-15T21:59:59.999Z');
	});

	it('puts an instant shortly after midnight Danish time on the Danish day', () => {
		expect(copenhagenDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
		expect(copenhagenDate(new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-28');
	});

	it('writes dates the Danish way', () => {
		expect(formatDanishDate('2026-11-23')).toBe('23. november 2026');
	});
});

describe('datetime-local values', () => {
	it('are read as Danish wall time, summer and winter', async () => {
		const { fromCopenhagenLocal } = await import('./dates');
		expect(fromCopenhagenLocal('2026-11-23T14:30').toISOString()).toBe('2026-11-23T13:30:00.000Z');
		expect(fromCopenhagenLocal('2026-06-23T14:30').toISOString()).toBe('2026-06-23T12:30:00.000Z');
	});
});
