/**
 * Small text helpers shared by the domain modules.
 *
 * Every helper here that says "length-preserving" maps one UTF-16 code unit to exactly one
 * code unit, so an index found in the output is also a valid index into the input. The
 * forbidden-data scanner relies on that to report spans in the user's original text.
 */

/** Full-width ASCII block (U+FF01–U+FF5E) is the ASCII block shifted by this amount. */
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Folds full-width ASCII (`０-９`, `Ａ-Ｚ`, `（`, `＠`, `－`…) to half-width and the
 * ideographic space (U+3000) to a plain space. Length-preserving; everything else is
 * returned unchanged (Chinese characters, `。`, `【】` are not ASCII look-alikes).
 */
export function toHalfWidth(s: string): string {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - FULL_WIDTH_OFFSET);
		else if (c === 0x3000) out += ' ';
		else out += s.charAt(i);
	}
	return out;
}

/**
 * Dash look-alikes that people and OCR put into phone and card numbers: hyphen, non-breaking
 * hyphen, figure dash, en dash, em dash, horizontal bar, minus sign, small and full-width
 * hyphen-minus.
 */
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/** Replaces every dash look-alike with ASCII `-`. Length-preserving. */
export function unifyDashes(s: string): string {
	return s.replace(DASHES, '-');
}

/** Removes all whitespace (JS `\s` already covers the ideographic and no-break spaces). */
export function stripWhitespace(s: string): string {
	return s.replace(/\s+/g, '');
}

/** Keeps only ASCII digits (after full-width folding). */
export function digitsOnly(s: string): string {
	return toHalfWidth(s).replace(/\D+/g, '');
}

/** True when `s` is undefined, null or only whitespace. */
export function isBlank(s: string | null | undefined): boolean {
	return s === undefined || s === null || s.trim() === '';
}
