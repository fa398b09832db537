/**
 * `YYYY-MM-DD` dates (SPEC §4.2: the only date format). Plain strings, no time zone: a
 * calendar date means the same day everywhere, so arithmetic is done on UTC day numbers.
 */

/** Milliseconds per day. */
const DAY_MS = 86_400_000;

/** True when y-m-d (month 1–12) is a real calendar date. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** True for a real date written exactly `YYYY-MM-DD` (`2024-02-29` yes, `2023-02-29` no). */
export function isIsoDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	return !!m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`, or `undefined`. */
export function isoToDayNumber(s: string): number | undefined {
	if (!isIsoDate(s)) return undefined;
	return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY_MS;
}

/** `YYYY-MM-DD` for a day number from {@link isoToDayNumber}. */
export function dayNumberToIso(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
