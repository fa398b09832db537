/**
 * SPEC §4.4: free text must not carry 身份证号 (PRC resident ID numbers) or 银行卡号 (bank card
 * numbers). These detectors find them so a save can be refused with a clear message.
 *
 * The scanner is deliberately conservative about *grouped* digits: a Luhn check alone lets
 * one random digit run in ten through, so separated groups only count as a card when they
 * are grouped the way cards are printed (4-4-4-4…). An unseparated run of 13–19 digits that
 * passes Luhn is flagged, because that is the rule; the guards below only exclude runs that
 * are demonstrably something else (a phone with country code, an amount, a credit code).
 */
import { creditCodeCheckChar } from './credit-code';
import { isCalendarDate } from './iso-date';
import { toHalfWidth, unifyDashes } from './text';

/** What a span of text was recognised as. */
export type ForbiddenKind = 'id_number' | 'bank_card';

/** A forbidden value found in text; `start`/`end` are UTF-16 offsets into the input (end exclusive). */
export interface ForbiddenMatch {
	kind: ForbiddenKind;
	start: number;
	end: number;
}

/** ISO 7064 MOD 11-2 weights for the first 17 digits of a resident ID. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/**
 * First two digits of a resident ID: provinces (GB/T 2260), 71 Taiwan, 81/82/83 the
 * residence permits of Hong Kong, Macau and Taiwan residents, 91 the 2023 foreigner
 * permanent residence ID. Anything else is not an ID, which cuts false positives.
 */
const ID_REGIONS = new Set([
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
	52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91
]);

/** Earliest and latest birth year accepted in an ID number. */
const ID_MIN_YEAR = 1900;
const ID_MAX_YEAR = 2099;

/** The check character ('0'–'9' or 'X') for 17 ID digits, or `undefined` for bad input. */
export function residentIdCheckChar(first17: string): string | undefined {
	if (!/^\d{17}$/.test(first17)) return undefined;
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
	return ID_CHECK.charAt(sum % 11);
}

/**
 * True for an 18-character resident ID number: known region prefix, a real birth date
 * (YYYYMMDD at positions 7–14, years 1900–2099) and a matching MOD 11-2 check character
 * (`X` or `x`). Full-width digits are accepted; separators are not (strip them first).
 */
export function isValidResidentId(s: string): boolean {
	const id = toHalfWidth(s).toUpperCase();
	if (!/^\d{17}[\dX]$/.test(id)) return false;
	if (!ID_REGIONS.has(Number(id.slice(0, 2)))) return false;
	const y = Number(id.slice(6, 10));
	if (y < ID_MIN_YEAR || y > ID_MAX_YEAR) return false;
	if (!isCalendarDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
	return residentIdCheckChar(id.slice(0, 17)) === id.charAt(17);
}

/** True when a string of ASCII digits passes the Luhn (mod 10) check. Empty input fails. */
export function passesLuhn(digits: string): boolean {
	if (!/^\d+$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let n = Number(digits.charAt(digits.length - 1 - i));
		if (i % 2 === 1) {
			n *= 2;
			if (n > 9) n -= 9;
		}
		sum += n;
	}
	return sum % 10 === 0;
}

/** Bank card lengths per ISO/IEC 7812 as issued in China (UnionPay 16–19, others 13–19). */
const CARD_MIN = 13;
const CARD_MAX = 19;

/**
 * True for a 13–19 digit string that passes Luhn. Does not look at context; see
 * {@link findForbiddenData} for the guards used on free text.
 */
export function isLikelyBankCard(digits: string): boolean {
	return digits.length >= CARD_MIN && digits.length <= CARD_MAX && passesLuhn(digits);
}

/** A run of digit groups joined by one or two spaces/dashes, optionally ending in X. */
const CHAIN = /\d+(?:[ -]{1,2}\d+)*[Xx]?/g;

interface Group {
	digits: string;
	start: number;
	end: number;
}

/** Card groupings as printed: 4-4-4-…-(1..4), 4-6-4/5 (Amex, Diners), 6-(rest). */
function isCardGrouping(lengths: number[]): boolean {
	const last = lengths[lengths.length - 1] ?? 0;
	const head = lengths.slice(0, -1);
	if (head.length >= 2 && head.every((n) => n === 4) && last >= 1 && last <= 4) return true;
	if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (last === 4 || last === 5))
		return true;
	return lengths.length === 2 && lengths[0] === 6 && last >= 7;
}

/**
 * Finds resident ID numbers and bank card numbers in free text, in order of `start`.
 *
 * Handles full-width digits, the ideographic space and dash look-alikes as separators,
 * IDs ending in `x`/`X`, and numbers grouped by spaces or dashes. A run glued to ASCII
 * letters or a decimal point (`CUS202405001`, `91440300…F` credit codes, order numbers,
 * `1234567890123.45`) is never a card; it is still reported if it is a valid ID
 * (`ID11010519491231002X`). An 18-character span that
 * is a valid ID is reported as `id_number` even if it also passes Luhn. A Luhn-passing run
 * is not reported when it is: a phone number with `+`/`86`/`0086`, an amount next to
 * `¥`/`￥`/`$`/`元`, or an 18-digit valid credit code that is not an ID.
 */
export function findForbiddenData(text: string): ForbiddenMatch[] {
	const norm = unifyDashes(toHalfWidth(text));
	const hits: ForbiddenMatch[] = [];
	for (const m of norm.matchAll(CHAIN)) {
		const start = m.index;
		const groups: Group[] = [];
		for (const g of m[0].matchAll(/\d+[Xx]?/g)) {
			const gStart = start + g.index;
			groups.push({ digits: g[0].toUpperCase(), start: gStart, end: gStart + g[0].length });
		}
		const first = groups[0];
		const last = groups[groups.length - 1];
		if (!first || !last) continue;
		// A group glued to letters or a decimal point belongs to another token (an order
		// number, a decimal amount): no card there, though its neighbours in the chain may
		// still be one. IDs are still looked for: region, birth date and MOD 11-2 together
		// are strong enough evidence even right after a label such as "ID".
		const cardFrom = gluedBefore(norm, first.start) ? 1 : 0;
		const cardTo = gluedAfter(norm, last.end) ? groups.length - 1 : groups.length;
		scanChain(norm, groups, cardFrom, cardTo, hits);
	}
	return resolveOverlaps(hits);
}

/** The character before `start` makes the digits part of a code, word or number. */
function gluedBefore(s: string, start: number): boolean {
	const before = s.charAt(start - 1);
	return /[A-Za-z0-9]/.test(before) || (/[.,]/.test(before) && /\d/.test(s.charAt(start - 2)));
}

/** The character at `end` makes the digits part of a code, word or decimal number. */
function gluedAfter(s: string, end: number): boolean {
	const after = s.charAt(end);
	return /[A-Za-z0-9]/.test(after) || (/[.,]/.test(after) && /\d/.test(s.charAt(end + 1)));
}

/**
 * Checks one chain of groups. IDs: any contiguous groups totalling 18 characters (the ID
 * check is strong enough not to care about grouping). Cards, only within groups
 * [cardFrom, cardTo): each group on its own, and
 * from each group the longest run of following groups that is printed like a card —
 * only the longest, so the 16-digit prefix of a 19-digit number is not tried separately.
 */
function scanChain(
	text: string,
	groups: Group[],
	cardFrom: number,
	cardTo: number,
	hits: ForbiddenMatch[]
): void {
	for (let i = 0; i < groups.length; i++) {
		const head = groups[i];
		if (!head) continue;
		let digits = '';
		const lengths: number[] = [];
		let card: { digits: string; end: number } | undefined;
		for (let j = i; j < groups.length; j++) {
			const g = groups[j];
			if (!g) break;
			digits += g.digits;
			lengths.push(g.digits.length);
			if (digits.length > CARD_MAX) break;
			if (digits.length === 18 && isValidResidentId(digits)) {
				hits.push({ kind: 'id_number', start: head.start, end: g.end });
			}
			const cardShaped = i === j || isCardGrouping(lengths);
			const cardAllowed = i >= cardFrom && j < cardTo;
			if (cardAllowed && cardShaped && digits.length >= CARD_MIN && !digits.endsWith('X')) {
				if (i === j) pushCard(text, digits, head.start, g.end, hits);
				else card = { digits, end: g.end };
			}
		}
		if (card) pushCard(text, card.digits, head.start, card.end, hits);
	}
}

/** Records a card hit unless Luhn fails or the run is demonstrably something else. */
function pushCard(text: string, digits: string, start: number, end: number, hits: ForbiddenMatch[]): void {
	if (!isLikelyBankCard(digits) || isExcludedRun(text, digits, start, end)) return;
	hits.push({ kind: 'bank_card', start, end });
}

/** Luhn-passing runs that are demonstrably something else. */
function isExcludedRun(text: string, digits: string, start: number, end: number): boolean {
	const before = text.slice(Math.max(0, start - 2), start).trimEnd();
	const after = text.slice(end, end + 2).trimStart();
	if (before.endsWith('+')) return true;
	if (/^(?:0086|86)1[3-9]\d{9}$/.test(digits)) return true;
	if (/[¥￥$]$/.test(before) || /^[元圆万亿]/.test(after)) return true;
	if (digits.length === 18 && creditCodeCheckChar(digits.slice(0, 17)) === digits.charAt(17)) {
		return true;
	}
	return false;
}

/** Keeps IDs over cards and longer spans over shorter ones; drops overlapping leftovers. */
function resolveOverlaps(hits: ForbiddenMatch[]): ForbiddenMatch[] {
	const ranked = [...hits].sort(
		(a, b) =>
			Number(b.kind === 'id_number') - Number(a.kind === 'id_number') ||
			b.end - b.start - (a.end - a.start) ||
			a.start - b.start
	);
	const kept: ForbiddenMatch[] = [];
	for (const h of ranked) {
		if (kept.every((k) => h.end <= k.start || h.start >= k.end)) kept.push(h);
	}
	return kept.sort((a, b) => a.start - b.start);
}
