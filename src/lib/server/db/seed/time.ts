import { addDays, format, getISODay } from 'date-fns';

/**
 * The demo lives in Copenhagen wall time whatever the server's time zone. A calendar day is held
 * as a Date at local midnight so that date-fns day arithmetic stays exact; `atCopenhagen` turns a
 * day and a wall-clock time into the instant, across daylight-saving changes.
 */
const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Copenhagen',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

function wallClock(instant: Date) {
	const parts: Record<string, number> = {};
	for (const part of wallClockFormat.formatToParts(instant)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year ?? 1970,
		month: parts.month ?? 1,
		day: parts.day ?? 1,
		hour: parts.hour ?? 0,
		minute: parts.minute ?? 0,
		second: parts.second ?? 0
	};
}

function offsetMs(instant: number): number {
	const w = wallClock(new Date(instant));
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Today's calendar day in Copenhagen. */
export function copenhagenDay(now: Date): Date {
	const w = wallClock(now);
	return new Date(w.year, w.month - 1, w.day);
}

export function atCopenhagen(day: Date, hour: number, minute = 0): Date {
	const wall = Date.UTC(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute);
	// Second pass corrects the offset when the first guess fell on the other side of a DST change.
	const guess = wall - offsetMs(wall);
	return new Date(wall - offsetMs(guess));
}

export function isoDate(day: Date): string {
	return format(day, 'yyyy-MM-dd');
}

export function daysAgo(today: Date, days: number): Date {
	return addDays(today, -days);
}

/** The Monday after `today`; a week ahead when today is itself a Monday. */
export function nextMonday(today: Date): Date {
	return addDays(today, 8 - getISODay(today));
}

export function isWeekend(day: Date): boolean {
	return getISODay(day) >= 6;
}
