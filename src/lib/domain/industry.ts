/**
 * Look-ups over GB/T 4754-2017 (门类 + 大类), SPEC §2.1: the industry of a customer is two
 * levels, chosen from the standard, never free text. A customer stores the 大类 code
 * (`'34'`); the 门类 follows from it.
 */
import { INDUSTRY_SECTIONS } from './industry-data';
import { stripWhitespace, toHalfWidth } from './text';

/** A 门类 (section), e.g. `{ code: 'C', name: '制造业' }`. */
export interface IndustrySection {
	level: 'section';
	code: string;
	name: string;
	/** `C 制造业` — code and name as used in pickers and paths. */
	label: string;
}

/** A 大类 (division), e.g. `{ code: '34', name: '通用设备制造业', section: C }`. */
export interface IndustryDivision {
	level: 'division';
	code: string;
	name: string;
	label: string;
	section: IndustrySection;
}

const SECTIONS: IndustrySection[] = INDUSTRY_SECTIONS.map((s) => ({
	level: 'section',
	code: s.code,
	name: s.name,
	label: `${s.code} ${s.name}`
}));

const DIVISIONS = new Map<string, IndustryDivision>();
const DIVISIONS_BY_SECTION = new Map<string, IndustryDivision[]>();
for (const [i, data] of INDUSTRY_SECTIONS.entries()) {
	const section = SECTIONS[i];
	if (!section) continue;
	const list: IndustryDivision[] = data.divisions.map(([code, name]) => ({
		level: 'division',
		code,
		name,
		label: `${code} ${name}`,
		section
	}));
	DIVISIONS_BY_SECTION.set(section.code, list);
	for (const d of list) DIVISIONS.set(d.code, d);
}

/**
 * Canonical code: full-width folded, spaces removed, section letter upper-cased;
 * `C34`/`c34` → `34` (the letter is implied by the division), `3` → `03`. Returns the input
 * tidied but otherwise unchanged when it is not a code; check with {@link findIndustry}.
 */
export function normaliseIndustryCode(code: string): string {
	const s = stripWhitespace(toHalfWidth(code)).toUpperCase();
	const m = /^([A-Z])?(\d{1,2})$/.exec(s);
	if (m?.[2]) return m[2].padStart(2, '0');
	return s;
}

/** The 20 门类 A–T in the standard's order. */
export function industrySections(): IndustrySection[] {
	return [...SECTIONS];
}

/** The 大类 of one 门类 (`'C'` → 13–43) in order; `[]` for an unknown section. */
export function industryDivisions(sectionCode: string): IndustryDivision[] {
	return [...(DIVISIONS_BY_SECTION.get(normaliseIndustryCode(sectionCode)) ?? [])];
}

/**
 * A section (`'C'`) or division (`'34'`, `'C34'`, `'３４'`) by code, or `undefined`. A
 * `C34`-style code whose letter does not match the division's section is rejected.
 */
export function findIndustry(code: string): IndustrySection | IndustryDivision | undefined {
	const s = stripWhitespace(toHalfWidth(code)).toUpperCase();
	if (/^[A-Z]$/.test(s)) return SECTIONS.find((x) => x.code === s);
	const m = /^([A-Z])?(\d{2})$/.exec(s);
	if (!m?.[2]) return undefined;
	const division = DIVISIONS.get(m[2]);
	if (!division || (m[1] && m[1] !== division.section.code)) return undefined;
	return division;
}

/** Labels from the root: `'34'` → `['C 制造业', '34 通用设备制造业']`; `[]` when unknown. */
export function industryPath(code: string): string[] {
	const found = findIndustry(code);
	if (!found) return [];
	return found.level === 'section' ? [found.label] : [found.section.label, found.label];
}

/** True for any section or division code accepted by {@link findIndustry}. */
export function isValidIndustryCode(code: string): boolean {
	return findIndustry(code) !== undefined;
}

/** True only for a 大类 code: what a customer record must hold (two levels, SPEC §2.1). */
export function isIndustryDivisionCode(code: string): boolean {
	return findIndustry(code)?.level === 'division';
}
