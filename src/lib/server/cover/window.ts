import { and, gt, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** A span of time, start inclusive and end exclusive; a null end is open-ended sick leave. */
export interface TimeWindow {
	startsAt: Date;
	endsAt: Date | null;
}

const endOf = (w: TimeWindow) => w.endsAt?.getTime() ?? Number.POSITIVE_INFINITY;

export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
	return a.startsAt.getTime() < endOf(b) && b.startsAt.getTime() < endOf(a);
}

export function sameInstant(a: Date | null, b: Date | null): boolean {
	return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

/** "The row's [startsAt, endsAt) overlaps the window", for absences and cover grants alike. */
export function overlapping(startsAt: PgColumn, endsAt: PgColumn, window: TimeWindow): SQL {
	return and(
		window.endsAt ? lt(startsAt, window.endsAt) : undefined,
		or(isNull(endsAt), gt(endsAt, window.startsAt))
	)!;
}
