/**
 * Chinese working days (工作日) including statutory holidays and make-up working days
 * (调休), from `chinese-days`. Used for "within 2 working days" rules (SPEC §2.3, §2.5).
 *
 * The package only knows the years the State Council has published; for any other year a
 * weekday guess would be silently wrong around holidays, so every function here throws
 * {@link UncoveredYearError} instead.
 */
import chineseDays from 'chinese-days';
import { dayNumberToIso as fromDay, isoToDayNumber } from './iso-date';

/** Thrown for a date in a year the holiday data does not cover. */
export class UncoveredYearError extends Error {
	/** Stable code for the UI. */
	readonly code = 'uncovered_year';
	constructor(readonly year: number) {
		super(`No Chinese holiday data for ${year}`);
		this.name = 'UncoveredYearError';
	}
}

/** Thrown for a string that is not a real `YYYY-MM-DD` date. */
export class InvalidDateError extends Error {
	readonly code = 'invalid_date';
	constructor(readonly input: string) {
		super(`Not a YYYY-MM-DD date: ${input}`);
		this.name = 'InvalidDateError';
	}
}

/** Years probed for coverage; far wider than any published data. */
const PROBE_FIRST = 1990;
const PROBE_LAST = 2200;

let covered: Set<number> | undefined;

/**
 * A year is covered when the data names both 元旦 (1 Jan) and 国庆 (1 Oct): both are
 * statutory holidays every year, so a published year always lists them, and an
 * unpublished one falls back to plain weekday names.
 */
function coveredYears(): Set<number> {
	if (covered) return covered;
	covered = new Set();
	for (let y = PROBE_FIRST; y <= PROBE_LAST; y++) {
		const jan = chineseDays.getDayDetail(`${y}-01-01`).name;
		const oct = chineseDays.getDayDetail(`${y}-10-01`).name;
		if (jan.includes('元旦') && oct.includes('国庆')) covered.add(y);
	}
	return covered;
}

/** First and last year with holiday data (inclusive), e.g. `{ first: 2004, last: 2026 }`. */
export function workingDayCoverage(): { first: number; last: number } {
	const years = [...coveredYears()];
	return { first: Math.min(...years), last: Math.max(...years) };
}

/** True when the holiday data covers `year`. */
export function isYearCovered(year: number): boolean {
	return coveredYears().has(year);
}

/** Parses `YYYY-MM-DD` to a day number, or throws {@link InvalidDateError}. */
function toDay(date: string): number {
	const day = isoToDayNumber(date);
	if (day === undefined) throw new InvalidDateError(date);
	return day;
}

/** Working-day test on a day number, with the coverage guard. */
function isWorkingDayNumber(day: number): boolean {
	const iso = fromDay(day);
	const year = Number(iso.slice(0, 4));
	if (!isYearCovered(year)) throw new UncoveredYearError(year);
	return chineseDays.isWorkday(iso);
}

/**
 * True when `date` (`YYYY-MM-DD`) is a working day in mainland China: Monday–Friday that
 * is not a statutory holiday, or a weekend make-up day (调休上班, e.g. Sunday 2024-09-29).
 * Throws {@link InvalidDateError} or {@link UncoveredYearError}.
 */
export function isWorkingDay(date: string): boolean {
	return isWorkingDayNumber(toDay(date));
}

/**
 * The date `n` working days after `date` (before it for negative `n`); the start date
 * itself is not counted, whether or not it is a working day. `n = 0` returns `date`.
 * Example: `addWorkingDays('2024-09-30', 1)` → `'2024-10-08'`. Throws
 * {@link UncoveredYearError} as soon as the walk reaches an uncovered year.
 */
export function addWorkingDays(date: string, n: number): string {
	if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
	let day = toDay(date);
	const year = Number(date.slice(0, 4));
	if (!isYearCovered(year)) throw new UncoveredYearError(year);
	const step = n < 0 ? -1 : 1;
	for (let left = Math.abs(n); left > 0; ) {
		day += step;
		if (isWorkingDayNumber(day)) left--;
	}
	return fromDay(day);
}

/**
 * Working days in the half-open range (a, b]: how many working days after `a` it takes to
 * reach `b`. Negative when `b` is before `a` (then counts (b, a]). Same dates → 0. For a
 * working day `b`, `addWorkingDays(a, workingDaysBetween(a, b)) === b`. Example: contact on
 * 2024-09-30, entry on 2024-10-08 → 1 (within the 2-working-day rule).
 */
export function workingDaysBetween(a: string, b: string): number {
	const from = toDay(a);
	const to = toDay(b);
	const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
	// Check both ends first so an uncovered year fails fast even for an empty range.
	isWorkingDayNumber(lo);
	isWorkingDayNumber(hi);
	let count = 0;
	for (let day = lo + 1; day <= hi; day++) if (isWorkingDayNumber(day)) count++;
	return sign * count;
}
