import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	InvalidDateError,
	isWorkingDay,
	isYearCovered,
	UncoveredYearError,
	workingDayCoverage,
	workingDaysBetween
} from '$lib/domain';

// Cases from the State Council notices (国办发明电) for 2024, 2025 and 2026.
describe('isWorkingDay', () => {
	it.each([
		['2024-10-01', false, '国庆节 (Tue)'],
		['2024-10-07', false, '国庆节, last day (Mon)'],
		['2024-10-08', true, 'first day back (Tue)'],
		['2024-09-29', true, '调休: Sunday make-up day'],
		['2024-10-12', true, '调休: Saturday make-up day'],
		['2024-09-16', false, '中秋节 (Mon)'],
		['2024-09-14', true, '调休 for 中秋 (Sat)'],
		['2024-06-15', false, 'ordinary Saturday'],
		['2024-06-17', true, 'ordinary Monday'],
		['2024-02-29', true, 'leap day, Thursday'],
		['2025-01-01', false, '元旦 (Wed)'],
		['2025-01-26', true, '调休 for 春节 (Sun)'],
		['2025-01-27', true, 'Monday before 春节'],
		['2025-01-28', false, '春节: 除夕'],
		['2025-02-04', false, '春节: last day (Tue)'],
		['2025-02-05', true, 'first day back'],
		['2025-02-08', true, '调休 for 春节 (Sat)'],
		['2025-04-27', true, '调休 for 劳动节 (Sun)'],
		['2025-05-05', false, '劳动节 (Mon)'],
		['2025-10-08', false, '国庆 + 中秋, 8th day'],
		['2025-10-11', true, '调休 (Sat)']
	])('%s → %s (%s)', (date, expected) => {
		expect(isWorkingDay(date)).toBe(expected);
	});

	it.runIf(isYearCovered(2026)).each([
		['2026-01-02', false, '元旦 (Fri)'],
		['2026-01-04', true, '调休 for 元旦 (Sun)'],
		['2026-02-14', true, '调休 for 春节 (Sat)'],
		['2026-02-17', false, '春节'],
		['2026-02-23', false, '春节: last day (Mon)'],
		['2026-02-28', true, '调休 for 春节 (Sat)'],
		['2026-05-09', true, '调休 for 劳动节 (Sat)'],
		['2026-09-20', true, '调休 for 国庆 (Sun)'],
		['2026-10-07', false, '国庆节'],
		['2026-10-10', true, '调休 for 国庆 (Sat)']
	])('2026: %s → %s (%s)', (date, expected) => {
		expect(isWorkingDay(date)).toBe(expected);
	});
});

describe('addWorkingDays', () => {
	it.each([
		['2024-09-30', 0, '2024-09-30', 'zero steps'],
		['2024-10-03', 0, '2024-10-03', 'zero steps on a holiday'],
		['2024-09-30', 1, '2024-10-08', 'over 国庆'],
		['2024-09-30', 2, '2024-10-09', 'plan due 2 working days after acceptance'],
		['2024-09-30', 3, '2024-10-10', '长期规划: 3 working days'],
		['2024-10-03', 2, '2024-10-09', 'accepted on a holiday'],
		['2024-09-27', 1, '2024-09-29', 'lands on a Sunday make-up day'],
		['2024-06-14', 1, '2024-06-17', 'over a plain weekend'],
		['2025-01-24', 1, '2025-01-26', 'Friday → Sunday make-up day'],
		['2025-01-27', 1, '2025-02-05', 'over 春节'],
		['2025-02-05', -1, '2025-01-27', 'backwards over 春节'],
		['2024-10-08', -1, '2024-09-30', 'backwards over 国庆'],
		['2024-10-08', -2, '2024-09-29', 'backwards onto a make-up day']
	])('%s + %i → %s (%s)', (date, n, expected) => {
		expect(addWorkingDays(date, n)).toBe(expected);
	});

	it.runIf(isYearCovered(2026))('crosses into 2026 onto its Sunday make-up day', () => {
		expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
	});

	it('refuses fractional steps', () => {
		expect(() => addWorkingDays('2024-09-30', 1.5)).toThrow(RangeError);
	});
});

describe('workingDaysBetween', () => {
	it.each([
		['2024-09-30', '2024-10-08', 1, 'entered the day after 国庆: on time'],
		['2024-09-30', '2024-10-12', 5, 'including a Saturday make-up day'],
		['2024-10-12', '2024-09-30', -5, 'reversed'],
		['2024-10-01', '2024-10-07', 0, 'all holiday'],
		['2024-10-08', '2024-10-08', 0, 'same day'],
		['2024-06-14', '2024-06-17', 1, 'Friday to Monday'],
		['2024-12-31', '2025-01-02', 1, 'across the year, 元旦 in between'],
		['2025-01-24', '2025-02-08', 6, '春节 2025: Jan 26, 27, Feb 5, 6, 7 and the Saturday 8th']
	])('(%s, %s] → %i (%s)', (a, b, expected) => {
		expect(workingDaysBetween(a, b)).toBe(expected);
	});

	it.each([
		['2024-09-30', '2024-10-09'],
		['2025-01-24', '2025-02-08'],
		['2024-06-14', '2024-06-21']
	])('is the inverse of addWorkingDays: %s → %s', (a, b) => {
		expect(addWorkingDays(a, workingDaysBetween(a, b))).toBe(b);
	});
});

describe('coverage', () => {
	it('starts in 2004 and reaches at least 2025', () => {
		const { first, last } = workingDayCoverage();
		expect(first).toBe(2004);
		expect(last).toBeGreaterThanOrEqual(2025);
		for (let y = first; y <= last; y++) expect(isYearCovered(y)).toBe(true);
		expect(isYearCovered(first - 1)).toBe(false);
		expect(isYearCovered(last + 1)).toBe(false);
	});

	it.each([
		['isWorkingDay before the data', () => isWorkingDay('2003-06-02'), 2003],
		['isWorkingDay far ahead', () => isWorkingDay('2100-01-04'), 2100],
		['addWorkingDays from an uncovered year', () => addWorkingDays('2003-12-30', 0), 2003],
		['workingDaysBetween to an uncovered year', () => workingDaysBetween('2024-01-02', '2099-01-02'), 2099]
	])('%s throws UncoveredYearError', (_label, run, year) => {
		expect(run).toThrow(UncoveredYearError);
		expect(run).toThrow(expect.objectContaining({ year, code: 'uncovered_year' }));
	});

	it('throws as soon as a walk leaves the data, naming the year', () => {
		const { last } = workingDayCoverage();
		expect(() => addWorkingDays(`${last}-12-31`, 1)).toThrow(
			expect.objectContaining({ name: 'UncoveredYearError', year: last + 1 })
		);
		expect(() => addWorkingDays('2004-01-02', -5)).toThrow(expect.objectContaining({ year: 2003 }));
	});
});

describe('invalid dates', () => {
	it.each(['2024-02-30', '2023-02-29', '2024/10/01', '24-10-01', '2024-10-1', '', '2024-10-01T00:00'])(
		'%j throws InvalidDateError',
		(date) => {
			expect(() => isWorkingDay(date)).toThrow(InvalidDateError);
			expect(() => addWorkingDays(date, 1)).toThrow(InvalidDateError);
			expect(() => workingDaysBetween(date, '2024-10-08')).toThrow(InvalidDateError);
		}
	);
});
