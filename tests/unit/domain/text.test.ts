import { describe, expect, it } from 'vitest';
import {
	dayNumberToIso,
	digitsOnly,
	isBlank,
	isIsoDate,
	isoToDayNumber,
	stripWhitespace,
	toHalfWidth,
	unifyDashes
} from '$lib/domain';

describe('toHalfWidth', () => {
	it.each([
		['０１２３４５６７８９', '0123456789'],
		['ＡＢＣｘｙｚ', 'ABCxyz'],
		['（０２１）６２３４５６７８', '(021)62345678'],
		['ｌｉ＠ｑｑ．ｃｏｍ', 'li@qq.com'],
		['１３８\u3000１２３４', '138 1234'],
		['－＋＃％', '-+#%'],
		['腾讯【深圳】。、', '腾讯【深圳】。、'],
		['', '']
	])('%j → %j', (input, expected) => {
		expect(toHalfWidth(input)).toBe(expected);
		// Length-preserving: the forbidden-data scanner depends on it.
		expect(toHalfWidth(input)).toHaveLength(input.length);
	});
});

describe('unifyDashes', () => {
	it.each([
		['010—12345678', '010-12345678'],
		['010–1234', '010-1234'],
		['400－820－8820', '400-820-8820'],
		['a‐b‑c‒d―e−f﹣g', 'a-b-c-d-e-f-g'],
		['no dash', 'no dash']
	])('%j → %j', (input, expected) => {
		expect(unifyDashes(input)).toBe(expected);
	});
});

describe('stripWhitespace / digitsOnly / isBlank', () => {
	it.each([
		[' a b\tc\n', 'abc'],
		['１\u3000２\u00a0３', '１２３']
	])('stripWhitespace(%j) → %j', (input, expected) => {
		expect(stripWhitespace(input)).toBe(expected);
	});

	it.each([
		['+86 (138) 1234-5678', '8613812345678'],
		['１３８－１２３４', '1381234'],
		['无', '']
	])('digitsOnly(%j) → %j', (input, expected) => {
		expect(digitsOnly(input)).toBe(expected);
	});

	it.each([
		[undefined, true],
		[null, true],
		['', true],
		[' \u3000\n', true],
		['a', false],
		['0', false]
	])('isBlank(%j) → %s', (input, expected) => {
		expect(isBlank(input)).toBe(expected);
	});
});

describe('ISO dates', () => {
	it.each([
		['2024-05-01', true],
		['2024-02-29', true],
		['2023-02-29', false],
		['2024-13-01', false],
		['2024-04-31', false],
		['2024-5-1', false],
		['2024/05/01', false],
		['2024-05-01T08:00', false],
		['', false]
	])('isIsoDate(%j) → %s', (input, expected) => {
		expect(isIsoDate(input)).toBe(expected);
	});

	it.each([
		['1970-01-01', 0],
		['2024-05-01', 19844],
		['1969-12-31', -1]
	])('%s is day %i and back', (iso, day) => {
		expect(isoToDayNumber(iso)).toBe(day);
		expect(dayNumberToIso(day)).toBe(iso);
	});

	it('returns undefined for an invalid date', () => {
		expect(isoToDayNumber('2024-02-30')).toBeUndefined();
	});
});
