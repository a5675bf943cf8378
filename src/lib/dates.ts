import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay, format, isValid, parseISO } from 'date-fns';
import { da } from 'date-fns/locale';

/**
 * Samplan's calendar is Copenhagen's, whatever the server's or browser's time zone: a consent
 * "until 31 March" or a sick day "from Monday" means Danish wall time, across summer time.
 */
export const TIME_ZONE = 'Europe/Copenhagen';

/** The last millisecond of a calendar day (YYYY-MM-DD) in Copenhagen. */
export function endOfCopenhagenDay(isoDate: string): Date {
	const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
	return new Date(endOfDay(new TZDate(year, month - 1, day, TIME_ZONE)).getTime());
}

/** The calendar day (YYYY-MM-DD) an instant falls on in Copenhagen. */
export function copenhagenDate(instant: Date): string {
	return format(new TZDate(instant, TIME_ZONE), 'yyyy-MM-dd');
}

/**
 * "23. november 2026" for an instant or a YYYY-MM-DD day. A day that is no day (a plan may hold
 * "2026-02-31", written by any client) is shown as written rather than failing the page.
 */
export function formatDanishDate(value: Date | string): string {
	const date = typeof value === 'string' ? parseISO(value) : new TZDate(value, TIME_ZONE);
	if (!isValid(date)) return typeof value === 'string' ? value : '';
	return format(date, 'd. MMMM yyyy', { locale: da });
}

/** A `datetime-local` value ("2026-11-23T14:30"), read as Copenhagen wall time. */
export function fromCopenhagenLocal(value: string): Date {
	const [date, time] = value.split('T') as [string, string];
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const [hour, minute] = time.split(':').map(Number) as [number, number];
	return new Date(new TZDate(year, month - 1, day, hour, minute, TIME_ZONE).getTime());
}

/** Now, as a `datetime-local` value in Copenhagen wall time. */
export function copenhagenLocalNow(now: Date = new Date()): string {
	return format(new TZDate(now, TIME_ZONE), "yyyy-MM-dd'T'HH:mm");
}

/** An instant as a `datetime-local` value in Copenhagen wall time, for editing forms. */
export function toCopenhagenLocal(instant: Date): string {
	return copenhagenLocalNow(instant);
}

/** "man. 23. nov. kl. 14.30": an instant to the minute, as Danish staff read it. */
export function formatDanishDateTime(instant: Date): string {
	return format(new TZDate(instant, TIME_ZONE), "EEEEEE d. MMM 'kl.' HH.mm", { locale: da });
}

/** The next `count` calendar days in Copenhagen, from the day `from` falls on, as YYYY-MM-DD. */
export function copenhagenDays(from: Date, count: number): string[] {
	const first = new TZDate(from, TIME_ZONE);
	return Array.from({ length: count }, (_, i) => format(addDays(first, i), 'yyyy-MM-dd'));
}

/** The first instant of a calendar day (YYYY-MM-DD) in Copenhagen. */
export function startOfCopenhagenDay(isoDate: string): Date {
	const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
	return new Date(new TZDate(year, month - 1, day, TIME_ZONE).getTime());
}

/** "ma 23/11": a calendar day (YYYY-MM-DD) as a narrow column heading. */
export function formatDanishDay(isoDate: string): string {
	return format(parseISO(isoDate), 'EEEEEE d/M', { locale: da });
}
