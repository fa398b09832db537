import { describe, expect, it } from 'vitest';
import {
	checkCreditCode,
	creditCodeCheckChar,
	isValidCreditCode,
	normaliseCreditCode,
	repairCreditCode
} from '$lib/domain';

/** Codes printed on the licences of well-known companies (published). */
const published = [
	['华为技术有限公司', '914403001922038216'],
	['腾讯科技（深圳）有限公司', '9144030071526726XG'],
	['阿里巴巴（中国）有限公司', '91330100799655058B'],
	['小米科技有限责任公司', '91110108551385082Q'],
	['百度在线网络技术（北京）有限公司', '91110000802100433B'],
	['中国石油天然气股份有限公司', '91110000710925462X'],
	['比亚迪股份有限公司', '91440300192317458F']
] as const;

/** Constructed: check character computed for made-up first 17 characters. */
const constructed = [
	['individual business (92…)', '92440300MA5EXAMPL7'],
	['public institution (12…)', '12100000400000624D'],
	['social organisation (51…), all digits', '511100005000112345'],
	['check value 31 → 0', '911100000000000250'],
	['Xiamen, letters in the organisation code', '91350200MA2Y0KH3U4']
] as const;

describe('isValidCreditCode', () => {
	it.each(published)('accepts the published code of %s', (_name, code) => {
		expect(isValidCreditCode(code)).toBe(true);
	});

	it.each(constructed)('accepts a constructed code: %s', (_label, code) => {
		expect(isValidCreditCode(code)).toBe(true);
	});

	it.each([
		['lower case', '9144030071526726xg', true],
		['full-width', '９１４４０３００７１５２６７２６ＸＧ', true],
		['grouped with spaces', ' 9144 0300 7152 6726 XG ', true],
		['ideographic spaces', '914403001922\u3000038216', true],
		['last character changed', '914403001922038217', false],
		['two digits swapped', '914403001922038126', false],
		['17 characters', '91440300192203821', false],
		['19 characters', '9144030019220382166', false],
		['contains O', '9144O30071526726XG', false],
		['contains I', '9144030019220382I6', false],
		['empty', '', false]
	])('%s → %s', (_label, input, expected) => {
		expect(isValidCreditCode(input)).toBe(expected);
	});
});

describe('creditCodeCheckChar', () => {
	it.each([...published, ...constructed])('%s', (_label, code) => {
		expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
	});

	it.each([
		['too short', '9144030019220382'],
		['too long', '9144030019220382166'],
		['lower case is not normalised here', '9144030071526726x'],
		['excluded letter', '9144O300715267261']
	])('returns undefined: %s', (_label, input) => {
		expect(creditCodeCheckChar(input)).toBeUndefined();
	});
});

describe('normaliseCreditCode', () => {
	it.each([
		['９１４４０３００７１５２６７２６ｘｇ', '9144030071526726XG'],
		[' 9144 0300 7152 6726 xg\n', '9144030071526726XG'],
		['', '']
	])('%j → %j', (input, expected) => {
		expect(normaliseCreditCode(input)).toBe(expected);
	});
});

describe('checkCreditCode', () => {
	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['9144030071526726X', 'length'],
		['9144O30071526726XG', 'charset'],
		['9144030071526726X#', 'charset'],
		['9144030071526726XA', 'checksum']
	])('%j fails with %s', (input, reason) => {
		expect(checkCreditCode(input)).toEqual({ ok: false, reason });
	});

	it('returns the normalised code when valid', () => {
		expect(checkCreditCode('9144 0300 7152 6726 xg')).toEqual({
			ok: true,
			code: '9144030071526726XG',
			repaired: false,
			changes: []
		});
	});
});

describe('repairCreditCode', () => {
	it.each([
		['O read for 0 (division code)', '9144O30071526726XG', '9144030071526726XG', [{ index: 4, from: 'O', to: '0' }]],
		['I read for 1', '9144030019220382I6', '914403001922038216', [{ index: 16, from: 'I', to: '1' }]],
		['S read for 5', '9133010079965S058B', '91330100799655058B', [{ index: 13, from: 'S', to: '5' }]],
		['Z read for 2', '9144030019Z317458F', '91440300192317458F', [{ index: 10, from: 'Z', to: '2' }]],
		['V read for U (Y fails the check)', '91350200MA2Y0KH3V4', '91350200MA2Y0KH3U4', [{ index: 16, from: 'V', to: 'U' }]],
		['lower-case o and i', '9144o30019220382i6', '914403001922038216', [
			{ index: 4, from: 'o', to: '0' },
			{ index: 16, from: 'i', to: '1' }
		]],
		['lower-case l: 1 in the division code, 1 or L elsewhere (check decides)', '91l10000802l00433B', '91110000802100433B', [
			{ index: 2, from: 'l', to: '1' },
			{ index: 11, from: 'l', to: '1' }
		]],
		['full-width Ｏ with spaces', '9144 Ｏ300 7152 6726 XG', '9144030071526726XG', [{ index: 4, from: 'O', to: '0' }]]
	])('repairs %s', (_label, input, code, changes) => {
		expect(repairCreditCode(input)).toEqual({ ok: true, code, repaired: true, changes });
	});

	it.each([
		['valid as is', '914403001922038216', '914403001922038216'],
		['only case differs', '9144030071526726xg', '9144030071526726XG'],
		['only width differs', '９１１１００００８０２１００４３３Ｂ', '91110000802100433B']
	])('%s → not marked repaired', (_label, input, code) => {
		expect(repairCreditCode(input)).toEqual({ ok: true, code, repaired: false, changes: [] });
	});

	it.each([
		['confusion repaired but another character is wrong', '9144O30071526726XA', 'checksum'],
		['no confusion, wrong check character', '914403001922038217', 'checksum'],
		['a character with no look-alike', '9144030071526726X?', 'charset'],
		['too short after removing spaces', '9144 O300 7152 6726', 'length'],
		['blank', ' ', 'empty']
	])('refuses: %s', (_label, input, reason) => {
		expect(repairCreditCode(input)).toMatchObject({ ok: false, reason });
	});

	it('reports ambiguity with the candidates when several repairs pass (constructed)', () => {
		const result = repairCreditCode('9192926563lT03LlLl');
		expect(result).toEqual({
			ok: false,
			reason: 'ambiguous',
			candidates: ['91929265631T03LLLL', '91929265631T03L1L1']
		});
	});

	it('never changes a valid-looking character to make the check pass', () => {
		// 8 for B is a classic OCR slip, but nothing marks which 8 is wrong.
		expect(repairCreditCode('91110000802100433' + '8')).toMatchObject({ ok: false, reason: 'checksum' });
	});
});
