/**
 * Field building blocks of the entity schemas (./schemas.ts): ids, free text, dates,
 * money, phones, picklists. Every failure carries a stable English code (one of
 * {@link SCHEMA_ISSUE_CODES}) as its valibot `message`; the UI translates the code and
 * never shows it. Limits mirror pb_migrations/1763856200_archive_collections.js, so a
 * record that passes here is not refused by the server's field validation.
 */
import * as v from 'valibot';
import { isValidCreditCode, normaliseCreditCode } from './credit-code';
import { checkEmail } from './email';
import { findForbiddenData } from './forbidden-data';
import { isIndustryDivisionCode, normaliseIndustryCode } from './industry';
import { isCalendarDate, isIsoDate } from './iso-date';

/** Every code a schema issue can carry, i.e. every key the UI needs a translation for. */
export const SCHEMA_ISSUE_CODES = [
	'required',
	'invalid_type',
	'too_long',
	'too_many',
	'invalid_id',
	'invalid_option',
	'invalid_date',
	'invalid_datetime',
	'not_integer',
	'negative',
	'out_of_range',
	'invalid_range',
	'invalid_phone',
	'invalid_email',
	'invalid_qq',
	'invalid_credit_code',
	'invalid_industry',
	'invalid_sha256',
	'invalid_field_name',
	'forbidden_id_number',
	'forbidden_bank_card',
	'review_note_required'
] as const;

/** A stable issue code, e.g. `'too_long'`. */
export type SchemaIssueCode = (typeof SCHEMA_ISSUE_CODES)[number];

/** Record ids: 15 characters `[a-z0-9]`, chosen by the client (SYNC.md §1). */
export const ID_PATTERN = /^[a-z0-9]{15}$/;

/** A stored mobile number: E.164, `+8613812345678`. */
export const MOBILE_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * A stored office/fax number: E.164 with an optional RFC 3966 extension,
 * `+867558888123;ext=801` (parsePhone reads this form back).
 */
export const PHONE_PATTERN = /^\+[1-9]\d{6,14}(?:;ext=\d{1,6})?$/;

/** PocketBase date-time in UTC: `2024-05-06 09:30:00.000Z` (a `T` separator is fine too). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

/**
 * True for a real UTC date-time as PocketBase stores and accepts it:
 * `YYYY-MM-DD HH:MM:SS[.fff]Z` or with `T`; the date must exist, seconds 0–59.
 */
export function isUtcDateTime(s: string): boolean {
	const m = DATE_TIME.exec(s);
	if (!m) return false;
	const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
	return isCalendarDate(y, mo, d) && h < 24 && mi < 60 && sec < 60;
}

/** Missing (`undefined`/`null`) is `required`; anything else of the wrong type `invalid_type`. */
export function typeMessage(issue: v.BaseIssue<unknown>): SchemaIssueCode {
	return issue.input === undefined || issue.input === null ? 'required' : 'invalid_type';
}

/** A wrong picklist value; empty counts as missing. */
function optionMessage(issue: v.BaseIssue<unknown>): SchemaIssueCode {
	return issue.input === undefined || issue.input === null || issue.input === '' ? 'required' : 'invalid_option';
}

const str = () => v.string(typeMessage);

/** Checks a predicate on non-empty strings only: emptiness is `required`'s business. */
const unlessEmpty = (ok: (s: string) => boolean, code: SchemaIssueCode) =>
	v.check<string, SchemaIssueCode>((s) => s === '' || ok(s), code);

/**
 * At most `max` characters, counted in code points like PocketBase (Go runes), so a
 * name with a supplementary-plane character such as 𠮷 is not cut short.
 */
const maxChars = (max: number) => v.check<string, SchemaIssueCode>((s) => [...s].length <= max, 'too_long');

/** The issue codes for forbidden data in `text` (SPEC §4.4), at most one per kind. */
export function forbiddenCodes(text: string): SchemaIssueCode[] {
	const kinds = new Set(findForbiddenData(text).map((hit) => hit.kind));
	return [...kinds].map((kind) => (kind === 'id_number' ? 'forbidden_id_number' : 'forbidden_bank_card'));
}

/** Refuses 身份证号 and 银行卡号 (the server runs the same scan and refuses the save). */
const noForbiddenData = () =>
	v.rawCheck<string>(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		for (const code of forbiddenCodes(dataset.value)) addIssue({ message: code });
	});

/** Free text: trimmed, at most `max` characters, no forbidden data. */
const text = (max: number) => v.pipe(str(), v.trim(), maxChars(max), noForbiddenData());

/** Required free text (not blank). */
export const requiredText = (max: number) =>
	v.pipe(str(), v.trim(), v.nonEmpty('required'), maxChars(max), noForbiddenData());

/** Optional free text; absent and `''` both mean "not given". */
export const optionalText = (max: number) => v.optional(text(max));

/** A required record id (a relation that must be set). */
export const id = () => v.pipe(str(), v.nonEmpty('required'), unlessEmpty((s) => ID_PATTERN.test(s), 'invalid_id'));

/** An optional relation: an id or `''`. */
export const optionalId = () => v.optional(v.pipe(str(), unlessEmpty((s) => ID_PATTERN.test(s), 'invalid_id')));

/** Several relations, at most `max`. */
export const idList = (max: number) => v.optional(v.pipe(v.array(id(), typeMessage), v.maxLength(max, 'too_many')));

/** A required `YYYY-MM-DD` date. */
export const requiredDate = () => v.pipe(str(), v.nonEmpty('required'), unlessEmpty(isIsoDate, 'invalid_date'));

/** An optional `YYYY-MM-DD` date. */
export const optionalDate = () => v.optional(v.pipe(str(), unlessEmpty(isIsoDate, 'invalid_date')));

/** A required UTC date-time, see {@link isUtcDateTime}. */
export const requiredDateTime = () =>
	v.pipe(str(), v.nonEmpty('required'), unlessEmpty(isUtcDateTime, 'invalid_datetime'));

/** An optional UTC date-time. */
export const optionalDateTime = () => v.optional(v.pipe(str(), unlessEmpty(isUtcDateTime, 'invalid_datetime')));

/** Money in fen (分): a safe integer ≥ 0, never a float (SPEC §2.4). */
export const money = () => v.pipe(v.number(typeMessage), v.safeInteger('not_integer'), v.minValue(0, 'negative'));

/** An optional amount in fen. */
export const optionalMoney = () => v.optional(money());

/** An optional flag. */
export const flag = () => v.optional(v.boolean(typeMessage));

/** One of `options` (a generated `*Options` array); required. */
export const pick = <const T extends readonly string[]>(options: T) => v.picklist(options, optionMessage);

/** One of `options` or `''` (PocketBase's "not set" for a single select). */
export const optionalPick = <const T extends readonly string[]>(options: T) =>
	v.optional(v.picklist(['', ...options] as const, 'invalid_option'));

/** A JSON list of at most `max` items; `null` is PocketBase's empty JSON field. */
export const list = <T extends v.GenericSchema>(item: T, max: number) =>
	v.nullish(v.pipe(v.array(item, typeMessage), v.maxLength(max, 'too_many')));

/** An E.164 mobile number or `''`. */
export const mobile = (max: number) =>
	v.optional(v.pipe(str(), v.trim(), maxChars(max), unlessEmpty((s) => MOBILE_PATTERN.test(s), 'invalid_phone')));

/** An E.164 landline/fax number, optionally with `;ext=NNN`, or `''`. */
export const phone = (max: number) =>
	v.optional(v.pipe(str(), v.trim(), maxChars(max), unlessEmpty((s) => PHONE_PATTERN.test(s), 'invalid_phone')));

/**
 * An e-mail address or `''`. Checked with checkEmail and stored in its normalised form
 * (full-width `＠`/`．` folded, domain lower-cased), which PocketBase's email field accepts.
 */
export const email = () =>
	v.optional(
		v.pipe(
			str(),
			v.trim(),
			unlessEmpty((s) => checkEmail(s).ok, 'invalid_email'),
			v.transform((s) => {
				const r = checkEmail(s);
				return r.ok ? r.email : s;
			})
		)
	);

/** A 统一社会信用代码 or `''`; normalised (case, width, spaces), then check-character verified. */
export const creditCode = () =>
	v.optional(v.pipe(str(), v.transform(normaliseCreditCode), unlessEmpty(isValidCreditCode, 'invalid_credit_code')));

/**
 * A GB/T 4754-2017 大类 code (`'34'`) or `''`. `C34` and `３４` are normalised to `34`;
 * a 门类 letter alone is refused: a customer's industry has two levels.
 */
export const industry = (options: readonly string[]) =>
	v.optional(
		v.pipe(
			str(),
			v.transform(normaliseIndustryCode),
			unlessEmpty((s) => isIndustryDivisionCode(s) && options.includes(s), 'invalid_industry')
		)
	);

/**
 * Any JSON value (copies of field values in conflicts, raw OCR fields), scanned for
 * forbidden data the way the server scans JSON: as its serialised text.
 */
export const anyJson = () =>
	v.nullish(
		v.pipe(
			v.unknown(),
			v.rawCheck<unknown>(({ dataset, addIssue }) => {
				if (!dataset.typed || dataset.value === undefined) return;
				for (const code of forbiddenCodes(JSON.stringify(dataset.value) ?? '')) addIssue({ message: code });
			})
		)
	);
