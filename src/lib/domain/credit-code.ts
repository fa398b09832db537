/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters: 1 registration authority, 2 organisation type, 3–8 administrative
 * division (GB/T 2260, digits), 9–17 organisation code, 18 check character.
 */
import { stripWhitespace, toHalfWidth } from './text';

/** The 31 characters the standard allows, in value order (I O Z S V are excluded). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights for positions 1–17 (3^(i) mod 31). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Length of a credit code in characters. */
export const CREDIT_CODE_LENGTH = 18;

/**
 * Characters OCR (and people) produce in place of a valid one. Only look-alikes that
 * cannot be valid themselves are listed: a wrong but valid character (8 for B) leaves no
 * trace, and guessing at one would "repair" typos into someone else's code.
 */
const CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
	O: ['0'],
	o: ['0'],
	I: ['1'],
	i: ['1'],
	// Lower-case l is as often a 1 as an L; the check character decides.
	l: ['L', '1'],
	Z: ['2'],
	z: ['2'],
	S: ['5'],
	s: ['5'],
	// V is no valid character; U and Y are the shapes it is read from.
	V: ['U', 'Y'],
	v: ['U', 'Y']
};

/** Zero-based positions of the administrative division code, which is always numeric. */
const DIVISION_START = 2;
const DIVISION_END = 7;

/** Upper bound on repair candidates tried; beyond it the input is too damaged to trust. */
const MAX_CANDIDATES = 4096;

/** Stable failure codes; the UI translates them. */
export type CreditCodeFailure = 'empty' | 'length' | 'charset' | 'checksum' | 'ambiguous';

/** One character replaced by a repair; `index` is zero-based in the normalised code. */
export interface CreditCodeChange {
	index: number;
	from: string;
	to: string;
}

/** Outcome of {@link checkCreditCode} and {@link repairCreditCode}. */
export type CreditCodeResult =
	| { ok: true; code: string; repaired: boolean; changes: CreditCodeChange[] }
	| { ok: false; reason: CreditCodeFailure; candidates?: string[] };

/**
 * Canonical form for storage and comparison: full-width folded to half-width, all
 * whitespace removed, upper-cased. Does not validate.
 */
export function normaliseCreditCode(s: string): string {
	return stripWhitespace(toHalfWidth(s)).toUpperCase();
}

/**
 * The check character for the first 17 characters of a code, or `undefined` when the
 * input is not exactly 17 characters from {@link CREDIT_CODE_CHARSET} (upper case only).
 */
export function creditCodeCheckChar(first17: string): string | undefined {
	if (first17.length !== CREDIT_CODE_LENGTH - 1) return undefined;
	let sum = 0;
	for (let i = 0; i < first17.length; i++) {
		const value = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
		if (value < 0) return undefined;
		sum += value * (WEIGHTS[i] ?? 0);
	}
	// 31 − (Σ mod 31) lies in 1..31; 31 maps to '0', which `% 31` does for us.
	return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** True when `code` (already upper-case, no spaces) has the right length, charset and check. */
function passes(code: string): boolean {
	return (
		code.length === CREDIT_CODE_LENGTH &&
		creditCodeCheckChar(code.slice(0, CREDIT_CODE_LENGTH - 1)) === code.charAt(CREDIT_CODE_LENGTH - 1)
	);
}

/**
 * True when `s`, after {@link normaliseCreditCode}, is a valid code (length, charset and
 * check character). No OCR repair is attempted.
 */
export function isValidCreditCode(s: string): boolean {
	return passes(normaliseCreditCode(s));
}

/**
 * Validates without repairing. Failure reasons: `empty`, `length` (not 18 characters),
 * `charset` (a character outside the allowed set), `checksum`.
 */
export function checkCreditCode(s: string): CreditCodeResult {
	const code = normaliseCreditCode(s);
	if (code === '') return { ok: false, reason: 'empty' };
	if (code.length !== CREDIT_CODE_LENGTH) return { ok: false, reason: 'length' };
	for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return { ok: false, reason: 'charset' };
	if (!passes(code)) return { ok: false, reason: 'checksum' };
	return { ok: true, code, repaired: false, changes: [] };
}

/** The characters position `index` may hold given what was read there. */
function optionsFor(ch: string, index: number): string[] {
	const upper = ch.toUpperCase();
	const options = new Set<string>();
	// A lower-case letter can only come from OCR or typing; its capital is the first guess.
	if (CREDIT_CODE_CHARSET.includes(upper)) options.add(upper);
	for (const alt of CONFUSIONS[ch] ?? []) options.add(alt);
	const list = [...options];
	if (index >= DIVISION_START && index <= DIVISION_END) {
		const digits = list.filter((c) => c >= '0' && c <= '9');
		if (digits.length > 0) return digits;
	}
	return list;
}

/**
 * Validates and, where needed, repairs OCR confusions (O→0, I→1, l→1/L, Z→2, S→5, V→U/Y,
 * lower case → upper case). A repair is returned only when exactly one candidate passes
 * the check character; several passing candidates give `ambiguous` with `candidates`.
 * Valid-looking characters are never changed (see CONFUSIONS). Input is normalised first
 * (full-width, whitespace, case). `repaired` is false when only case or width changed.
 */
export function repairCreditCode(s: string): CreditCodeResult {
	const raw = stripWhitespace(toHalfWidth(s));
	if (raw === '') return { ok: false, reason: 'empty' };
	if (raw.length !== CREDIT_CODE_LENGTH) return { ok: false, reason: 'length' };

	const options: string[][] = [];
	let combinations = 1;
	for (let i = 0; i < raw.length; i++) {
		const opts = optionsFor(raw.charAt(i), i);
		if (opts.length === 0) return { ok: false, reason: 'charset' };
		options.push(opts);
		combinations *= opts.length;
	}
	if (combinations > MAX_CANDIDATES) return { ok: false, reason: 'ambiguous' };

	const passing = candidates(options).filter(passes);
	if (passing.length === 0) return { ok: false, reason: 'checksum' };
	if (passing.length > 1) return { ok: false, reason: 'ambiguous', candidates: passing };

	const code = passing[0] ?? '';
	const changes: CreditCodeChange[] = [];
	for (let i = 0; i < code.length; i++) {
		const from = raw.charAt(i);
		const to = code.charAt(i);
		if (from.toUpperCase() !== to) changes.push({ index: i, from, to });
	}
	return { ok: true, code, repaired: changes.length > 0, changes };
}

/** Cartesian product of per-position options, as strings. */
function candidates(options: string[][]): string[] {
	let acc = [''];
	for (const opts of options) {
		const next: string[] = [];
		for (const prefix of acc) for (const o of opts) next.push(prefix + o);
		acc = next;
	}
	return acc;
}
