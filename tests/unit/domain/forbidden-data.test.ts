import { describe, expect, it } from 'vitest';
import {
	findForbiddenData,
	isLikelyBankCard,
	isValidResidentId,
	passesLuhn,
	residentIdCheckChar,
	type ForbiddenKind
} from '$lib/domain';

// All ID numbers are constructed (check digit computed); 11010519491231002X is the
// worked example of GB 11643-1999, not a person.
const ID_X = '11010519491231002X';
const ID_X2 = '44030419900101109X';
const ID_DIGIT = '440304199001011233';
const ID_ALSO_LUHN = '440304199001010249'; // passes both the ID check and Luhn
// Card numbers: the Visa test number, and constructed UnionPay-style numbers.
const VISA_TEST = '4111111111111111';
const CARD_19 = '6222020200001234562';
const CARD_16 = '6225880123456783';
const CARD_13 = '4111111111119';

describe('residentIdCheckChar / isValidResidentId', () => {
	it.each([ID_X, ID_X2, ID_DIGIT, ID_ALSO_LUHN, '31011519851120403X', '330106200002290037'])(
		'%s is valid',
		(id) => {
			expect(residentIdCheckChar(id.slice(0, 17))).toBe(id.charAt(17));
			expect(isValidResidentId(id)).toBe(true);
		}
	);

	it.each([
		['lower-case x', '11010519491231002x', true],
		['full-width digits and Ｘ', '１１０１０５１９４９１２３１００２Ｘ', true],
		['wrong check digit', '110105194912310021', false],
		// The next four have a correct check digit: only the named rule fails.
		['unknown region 99', '990105194912310023', false],
		['29 Feb 1900 (not a leap year)', '110105190002290017', false],
		['month 13', '110105194913310021', false],
		['born 1899', '110105189912310023', false],
		['29 Feb 2024 (leap year)', '110105202402290011', true],
		['17 digits', '11010519491231002', false],
		['with spaces (strip first)', '110105 19491231 002X', false]
	])('%s → %s', (_label, id, expected) => {
		expect(isValidResidentId(id)).toBe(expected);
	});

	it('returns undefined for malformed input', () => {
		expect(residentIdCheckChar('1101051949123100')).toBeUndefined();
		expect(residentIdCheckChar('1101051949123100A')).toBeUndefined();
	});
});

describe('passesLuhn / isLikelyBankCard', () => {
	it.each([
		[VISA_TEST, true, true],
		[CARD_19, true, true],
		[CARD_16, true, true],
		[CARD_13, true, true],
		['6222020200001234567', false, false],
		['79927398713', true, false], // the textbook Luhn example, but only 11 digits
		['00000000000000000000', true, false], // 20 digits
		['', false, false],
		['4111-1111', false, false]
	])('%j → Luhn %s, card %s', (digits, luhn, card) => {
		expect(passesLuhn(digits)).toBe(luhn);
		expect(isLikelyBankCard(digits)).toBe(card);
	});
});

/** Runs the scanner and returns [kind, matched text] pairs for readable tables. */
function scan(text: string): Array<[ForbiddenKind, string]> {
	return findForbiddenData(text).map((m) => [m.kind, text.slice(m.start, m.end)]);
}

describe('findForbiddenData: finds', () => {
	it.each([
		['a bare ID', ID_X, [['id_number', ID_X]]],
		['an ID in Chinese text', `身份证号${ID_DIGIT}，请核对`, [['id_number', ID_DIGIT]]],
		['an ID ending in lower-case x', '证件：11010519491231002x。', [['id_number', '11010519491231002x']]],
		['an ID grouped 6-8-4', '身份证 110105 19491231 002X 已复印', [['id_number', '110105 19491231 002X']]],
		['an ID in full-width digits', '号码１１０１０５１９４９１２３１００２Ｘ', [['id_number', '１１０１０５１９４９１２３１００２Ｘ']]],
		['an ID with ideographic spaces', '110105\u300019491231\u3000002X', [['id_number', '110105\u300019491231\u3000002X']]],
		['an ID that also passes Luhn is an ID', `ID:${ID_ALSO_LUHN}`, [['id_number', ID_ALSO_LUHN]]],
		['an ID glued to a label', `IDNo${ID_X}`, [['id_number', ID_X]]],
		['a 19-digit card', `卡号${CARD_19}`, [['bank_card', CARD_19]]],
		['a card grouped 4-4-4-4-3', '卡号：6222 0202 0000 1234 562', [['bank_card', '6222 0202 0000 1234 562']]],
		['a card grouped with dashes', '4111-1111-1111-1111', [['bank_card', '4111-1111-1111-1111']]],
		['a card grouped with full-width dashes', '４１１１－１１１１－１１１１－１１１１', [['bank_card', '４１１１－１１１１－１１１１－１１１１']]],
		['a 16-digit card', `开户行工行 ${CARD_16} 张三`, [['bank_card', CARD_16]]],
		['a 13-digit card', `old card ${CARD_13}`, [['bank_card', CARD_13]]],
		['a card after a mobile in the same run', `13812345678 ${CARD_19}`, [['bank_card', CARD_19]]],
		['a grouped card after another number', '编号 1234 6222 0202 0000 1234 562', [['bank_card', '6222 0202 0000 1234 562']]],
		['both kinds, in order', `卡${VISA_TEST}，身份证${ID_X2}`, [['bank_card', VISA_TEST], ['id_number', ID_X2]]],
		['a Luhn-passing 14-digit run (the rule)', '编号12345678901237', [['bank_card', '12345678901237']]]
	] as const)('%s', (_label, text, expected) => {
		expect(scan(text)).toEqual(expected);
	});

	it('reports UTF-16 offsets into the original text', () => {
		const text = `备注：身份证${ID_X}。`;
		expect(findForbiddenData(text)).toEqual([{ kind: 'id_number', start: 6, end: 24 }]);
	});
});

describe('findForbiddenData: does not flag', () => {
	it.each([
		['a mobile', '手机 13812345678'],
		['a grouped mobile', '手机 138 1234 5678'],
		['two mobiles separated by a space', '13812345678 13912345678'],
		['two grouped mobiles', '138 1234 5678 139 1234 5678'],
		['+86 mobile passing Luhn', '+8613812345678'],
		['86 mobile passing Luhn, no plus', '电话8613812345678'],
		['0086 mobile passing Luhn', '008613812345678'],
		['+86 grouped', '+86 138 1234 5678'],
		['landlines with area codes', '010-12345678 0755-88881234 (021)62345678'],
		['landline with extension', '0755-88881234-8001'],
		['a 400 number', '400-820-8820'],
		['a customer number', 'CUS202405001'],
		['a long order number with prefix', 'DD2024050112304512700'],
		['a credit code ending in a letter', '9144030071526726XG'],
		['an all-digit credit code that passes Luhn (constructed)', '信用代码914403051025899640'],
		['an all-digit credit code that fails Luhn', '914403001922038216'],
		['dates', '2024-05-01 至 2024-06-30，20240501'],
		['two compact dates', '20240501 20240630'],
		['an amount with decimals', '合计 12345678901237.00'],
		['an amount with thousands separators', '¥1,234,567,890,123'],
		['an amount after ¥', '¥12345678901237'],
		['an amount after full-width ￥', '￥ 12345678901237'],
		['an amount before 元', '12345678901237元'],
		['a card failing Luhn', '6222 0202 0000 1234 567'],
		['a 12-digit run', '123456789012'],
		['a 20-digit run passing Luhn', '00000000000000000000'],
		['an ID with a wrong check digit', '110105194912310021'],
		['digits glued to letters', 'SN4111111111111111X'],
		['a Luhn-passing run glued to an order prefix', `JD${VISA_TEST}`],
		['a Luhn-passing run followed by letters', `${VISA_TEST}abc`],
		['empty text', '']
	])('%s', (_label, text) => {
		expect(findForbiddenData(text)).toEqual([]);
	});
});
