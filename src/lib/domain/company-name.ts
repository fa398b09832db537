/**
 * Company-name normalisation and duplicate detection (SPEC §4.3, 杜绝一客多档).
 *
 * Decisions where the spec is silent:
 * - Bracket characters go, their contents stay: `腾讯科技（深圳）有限公司` and
 *   `腾讯科技(深圳)有限公司` match, but `(深圳)` and `(上海)` subsidiaries stay apart.
 * - Only the legal form is stripped; `集团` is part of the name (`XX集团有限公司` → `xx集团`),
 *   since a group and its operating company are different customers.
 * - A branch keeps its branch suffix: `XX有限公司北京分公司` → `xx北京分公司`, distinct from
 *   the parent `xx` but equal to `XX北京分公司` written without the legal form.
 * - No region stripping (`深圳市XX` vs `XX（深圳）`) and no Traditional→Simplified mapping
 *   beyond the legal-form words: both would need dictionaries and invite false merges.
 */
import { normaliseCreditCode, isValidCreditCode } from './credit-code';
import { normaliseEmail, checkEmail } from './email';
import { parsePhone } from './phone';

/** Legal forms stripped from the end, longest first (Simplified and Traditional). */
const LEGAL_FORMS = [
	'股份有限公司',
	'有限责任公司',
	'有限責任公司',
	'股份合作公司',
	'有限公司',
	'股份公司',
	'特殊普通合伙',
	'普通合伙',
	'有限合伙',
	'合伙企业',
	'合夥企業',
	'个人独资企业',
	'個人獨資企業',
	'公司'
];

/** Words that end a branch name; whatever precedes them up to the legal form is the branch. */
const BRANCH = /(分公司|分店|分厂|分廠|分行|支行|办事处|辦事處|营业部|營業部|分部)$/;

/** English legal forms, matched on words before spaces and punctuation are removed. */
const ENGLISH_FORMS =
	/[\s,.]*\b(?:co\.?,?\s*ltd|company\s+limited|corporation|limited|ltd|incorporated|inc|corp|llc|gmbh|plc|pte\.?\s*ltd|co\.?)\.?\s*$/i;

/** Everything that is not a letter, mark or digit (punctuation, symbols, spaces, brackets). */
const NOT_NAME = /[^\p{L}\p{M}\p{N}]+/gu;

/** Strips trailing legal-form words until none is left. */
function stripLegalForms(s: string): string {
	let out = s;
	// A name that is nothing but a legal form stays as it is rather than shrinking to "有限".
	for (let changed = !LEGAL_FORMS.includes(out); changed; ) {
		changed = false;
		for (const form of LEGAL_FORMS) {
			if (out.length > form.length && out.endsWith(form)) {
				out = out.slice(0, -form.length);
				changed = !LEGAL_FORMS.includes(out);
				break;
			}
		}
	}
	return out;
}

/**
 * Normalised company name for duplicate matching: NFKC (full-width → half-width),
 * English legal forms (Co., Ltd. / Inc. / Limited…) removed, lower case, brackets,
 * spaces and punctuation removed, trailing Chinese legal forms (有限公司, 有限责任公司,
 * 股份有限公司, 合伙…) removed, branch suffix kept (see module notes). Returns `''` for
 * blank input. Not for display.
 */
export function normaliseCompanyName(s: string): string {
	let name = s.normalize('NFKC').trim();
	for (let prev = ''; prev !== name; ) {
		prev = name;
		name = name.replace(ENGLISH_FORMS, '');
	}
	name = name.toLowerCase().replace(NOT_NAME, '');
	const branch = BRANCH.exec(name);
	if (branch) {
		// Split "<parent><legal form><branch>" on the last legal form, if any.
		const body = name.slice(0, branch.index);
		for (const form of LEGAL_FORMS) {
			const at = body.lastIndexOf(form);
			if (at > 0) {
				return stripLegalForms(body.slice(0, at)) + body.slice(at + form.length) + branch[0];
			}
		}
		return name;
	}
	return stripLegalForms(name);
}

/** What duplicate detection needs to know about a customer (or a capture in progress). */
export interface DuplicateInput {
	credit_code?: string | null;
	name?: string | null;
	/** Any phone numbers of the customer and its contacts, in any written form. */
	phones?: readonly string[];
	/** Any e-mail addresses of the customer and its contacts. */
	emails?: readonly string[];
	/** Contact person names; a shared one counts as a shared contact for `probable`. */
	contact_names?: readonly string[];
}

/**
 * Keys for the duplicate index, de-duplicated: `cc:<code>` (valid codes only — an invalid
 * one cannot identify anyone), `name:<normalised>`, `phone:<e164>` (every valid number,
 * landlines included, so a lookup finds candidates; {@link compareForDuplicates} decides),
 * `email:<address with lower-cased domain, local part lower-cased too>`.
 */
export function duplicateKeys(input: DuplicateInput): string[] {
	const keys = new Set<string>();
	if (input.credit_code && isValidCreditCode(input.credit_code)) {
		keys.add(`cc:${normaliseCreditCode(input.credit_code)}`);
	}
	const name = normaliseCompanyName(input.name ?? '');
	if (name) keys.add(`name:${name}`);
	for (const p of phoneSet(input.phones, false)) keys.add(`phone:${p}`);
	for (const e of emailSet(input.emails)) keys.add(`email:${e}`);
	return [...keys];
}

/** Verdicts of {@link compareForDuplicates}, strongest first. */
export type DuplicateVerdict = 'same_company' | 'probable' | 'same_contact' | 'none';

/**
 * Compares two customers following SPEC §4.3, strongest verdict first:
 * 1. `same_company` — equal valid credit codes.
 * 2. `probable` — equal normalised names and at least one shared contact point (phone of
 *    any kind, e-mail, or contact name), unless both have valid, different credit codes.
 * 3. `same_contact` — a shared mobile or e-mail (the person is already on file, even if
 *    the companies differ). Shared landlines/400 numbers alone are switchboards: not enough.
 * 4. `none`.
 * E-mail comparison ignores case in the local part too (providers in practice do).
 */
export function compareForDuplicates(a: DuplicateInput, b: DuplicateInput): DuplicateVerdict {
	const ccA = validCode(a.credit_code);
	const ccB = validCode(b.credit_code);
	if (ccA && ccA === ccB) return 'same_company';

	const mobilesA = phoneSet(a.phones, true);
	const mobilesB = phoneSet(b.phones, true);
	const emailsA = emailSet(a.emails);
	const emailsB = emailSet(b.emails);
	const sharedPersonal = intersects(mobilesA, mobilesB) || intersects(emailsA, emailsB);

	const nameA = normaliseCompanyName(a.name ?? '');
	if (nameA && nameA === normaliseCompanyName(b.name ?? '') && !(ccA && ccB)) {
		const shared =
			sharedPersonal ||
			intersects(phoneSet(a.phones, false), phoneSet(b.phones, false)) ||
			intersects(personSet(a.contact_names), personSet(b.contact_names));
		if (shared) return 'probable';
	}
	return sharedPersonal ? 'same_contact' : 'none';
}

function validCode(code: string | null | undefined): string | undefined {
	return code && isValidCreditCode(code) ? normaliseCreditCode(code) : undefined;
}

/** E.164 numbers of the valid entries; with `mobileOnly`, mainland and foreign mobiles only. */
function phoneSet(phones: readonly string[] | undefined, mobileOnly: boolean): Set<string> {
	const out = new Set<string>();
	for (const p of phones ?? []) {
		const parsed = parsePhone(p);
		if (!parsed.ok) continue;
		if (mobileOnly && parsed.lineType !== 'mobile') continue;
		out.add(parsed.e164);
	}
	return out;
}

function emailSet(emails: readonly string[] | undefined): Set<string> {
	const out = new Set<string>();
	for (const e of emails ?? []) {
		const checked = checkEmail(e);
		if (checked.ok) out.add(normaliseEmail(checked.email).toLowerCase());
	}
	return out;
}

/** Person names compared without spaces, case or width differences. */
function personSet(names: readonly string[] | undefined): Set<string> {
	const out = new Set<string>();
	for (const n of names ?? []) {
		const key = n.normalize('NFKC').toLowerCase().replace(NOT_NAME, '');
		if (key) out.add(key);
	}
	return out;
}

function intersects(a: Set<string>, b: Set<string>): boolean {
	for (const x of a) if (b.has(x)) return true;
	return false;
}
