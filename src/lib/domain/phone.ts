/**
 * Phone numbers (SPEC §4.2): stored in E.164, shown the Chinese way (`138 1234 5678`,
 * `010 1234 5678`, `0755 8888 1234`), masked in lists (§4.5).
 *
 * Uses libphonenumber-js with the *max* metadata: the min metadata only checks lengths and
 * accepts `12345678901` as a Chinese mobile.
 */
import {
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
	type CountryCode,
	type PhoneNumber
} from 'libphonenumber-js/max';
import { digitsOnly, toHalfWidth, unifyDashes } from './text';

/**
 * How a number is used. `international` is any number outside mainland China (HK, MO
 * and TW included: they have their own numbering plans); `lineType` says more.
 */
export type PhoneKind = 'mobile' | 'landline' | 'service' | 'international' | 'other';

/** Line type as far as the metadata knows it; `service` = toll-free / shared-cost (400, 800). */
export type PhoneLineType = 'mobile' | 'landline' | 'service' | 'other';

/** Stable failure codes; the UI translates them. */
export type PhoneFailure =
	| 'empty'
	| 'not_a_number'
	| 'invalid_country'
	| 'too_short'
	| 'too_long'
	| 'invalid';

/** A parsed, valid number. `display` never includes the extension. */
export interface ParsedPhone {
	ok: true;
	e164: string;
	kind: PhoneKind;
	lineType: PhoneLineType;
	/** ISO 3166-1 alpha-2 region, e.g. `CN`, `HK`; `undefined` for non-geographic numbers. */
	country: string | undefined;
	/** National format for CN (`010 1234 5678`), international for others (`+852 2345 6789`). */
	display: string;
	/** Digits of an extension (`转801`, `ext. 801`, `#801`), if any. */
	extension?: string;
}

/** Outcome of {@link parsePhone}. */
export type PhoneResult = ParsedPhone | { ok: false; reason: PhoneFailure };

/** Options for {@link parsePhone}. */
export interface ParsePhoneOptions {
	/** Region for numbers written without `+`/`00` country code. Default `CN`. */
	defaultRegion?: CountryCode;
}

/** 400 and 800 corporate service numbers: 10 digits, written without a leading 0. */
const CN_SERVICE = /^(?:400|800)\d{7}$/;

/**
 * Brings what people and OCR write into a form libphonenumber reads: half-width, ASCII
 * dashes, and Chinese extension markers (`转`, `分机`) turned into `ext.`.
 */
function prepare(input: string): string {
	return unifyDashes(toHalfWidth(input))
		.replace(/\s*(?:转|轉|分机|分機|ext\.?|x)\s*(\d{1,6})\s*$/i, ' ext. $1')
		.trim();
}

/**
 * Parses and validates a phone number (default region CN). Accepts full-width digits and
 * brackets, any dash look-alike, spaces, `+86`/`0086`/`86` prefixes, and extensions
 * (`转801`, `ext. 801`, `#801`, and `-801` after a complete landline). 400/800 numbers are
 * `service`. Invalid numbers such as `12345678901` fail with `invalid`.
 */
export function parsePhone(input: string, options: ParsePhoneOptions = {}): PhoneResult {
	const region = options.defaultRegion ?? 'CN';
	const text = prepare(input);
	if (digitsOnly(text) === '') return { ok: false, reason: text === '' ? 'empty' : 'not_a_number' };

	const service = cnServiceNumber(text);
	if (service) return service;

	const first = tryParse(text, region);
	if (first.ok) return first;
	// `010-12345678-801`: a trailing dash group may be an extension.
	const dashExt = /^(.*\d)\s*-\s*(\d{1,5})$/.exec(text);
	if (dashExt?.[1] && dashExt[2]) {
		const base = tryParse(dashExt[1], region);
		if (base.ok && base.kind === 'landline' && !base.extension) {
			return { ...base, extension: dashExt[2] };
		}
	}
	return first;
}

/** Recognises 400/800 numbers even when written with +86 or odd grouping. */
function cnServiceNumber(text: string): ParsedPhone | undefined {
	if (/ext\./.test(text)) return undefined;
	let digits = digitsOnly(text);
	if (text.startsWith('+86') || text.startsWith('0086')) digits = digits.replace(/^(?:0086|86)/, '');
	else if (text.startsWith('+')) return undefined;
	if (!CN_SERVICE.test(digits)) return undefined;
	return {
		ok: true,
		e164: `+86${digits}`,
		kind: 'service',
		lineType: 'service',
		country: 'CN',
		display: `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
	};
}

/** One libphonenumber attempt, mapped onto our result type. */
function tryParse(text: string, region: CountryCode): PhoneResult {
	let phone: PhoneNumber;
	try {
		phone = parsePhoneNumberWithError(text, region);
	} catch (err) {
		return { ok: false, reason: parseFailure(err instanceof Error ? err.message : '') };
	}
	if (!phone.isValid()) {
		const length = validatePhoneNumberLength(text, region);
		if (length === 'TOO_SHORT') return { ok: false, reason: 'too_short' };
		if (length === 'TOO_LONG') return { ok: false, reason: 'too_long' };
		return { ok: false, reason: 'invalid' };
	}
	const lineType = lineTypeOf(phone);
	const domestic = phone.country === 'CN';
	const result: ParsedPhone = {
		ok: true,
		e164: phone.number,
		kind: domestic ? (lineType === 'other' ? 'other' : lineType) : 'international',
		lineType,
		country: phone.country,
		display: domestic ? phone.formatNational() : phone.formatInternational()
	};
	if (phone.ext) result.extension = phone.ext;
	// formatNational/International append the extension; keep display number-only.
	result.display = result.display.replace(/\s*ext\.\s*\d+$/, '');
	return result;
}

function parseFailure(message: string): PhoneFailure {
	if (message === 'INVALID_COUNTRY') return 'invalid_country';
	if (message === 'TOO_SHORT') return 'too_short';
	if (message === 'TOO_LONG') return 'too_long';
	return 'not_a_number';
}

function lineTypeOf(phone: PhoneNumber): PhoneLineType {
	const type = phone.getType();
	if (type === 'MOBILE') return 'mobile';
	if (type === 'FIXED_LINE') return 'landline';
	if (type === 'TOLL_FREE' || type === 'SHARED_COST' || type === 'UAN') return 'service';
	if (type === 'FIXED_LINE_OR_MOBILE') {
		// Plans such as the US one cannot tell; say so rather than guess. In CN a leading 1 is a mobile.
		if (phone.country !== 'CN') return 'other';
		return phone.nationalNumber.startsWith('1') ? 'mobile' : 'landline';
	}
	return 'other';
}

/** True when `input` parses as a mainland-China mobile number. */
export function isCnMobile(input: string): boolean {
	const parsed = parsePhone(input);
	return parsed.ok && parsed.kind === 'mobile';
}

/**
 * Masks a number for lists (SPEC §4.5). CN mobile: first 3 + `****` + last 4
 * (`138****5678`). CN landline: area code, stars, last 4 (`010-****5678`,
 * `0755-****1234`). Other countries: country code, stars, last 4 (`+852 ****6789`).
 * 400/800 service numbers are company hotlines, not personal data: shown unmasked.
 * Unparseable input keeps only its last 4 digits (`****5678`); short input is all stars.
 */
export function maskPhone(e164OrInput: string): string {
	const parsed = parsePhone(e164OrInput);
	if (!parsed.ok) {
		const digits = digitsOnly(e164OrInput);
		return digits.length >= 7 ? `****${digits.slice(-4)}` : '****';
	}
	if (parsed.kind === 'service') return parsed.display;
	const national = parsed.e164.replace(/^\+86/, '');
	if (parsed.kind === 'mobile') return `${national.slice(0, 3)}****${national.slice(-4)}`;
	if (parsed.kind !== 'international') {
		// Landline (or another CN type): national display is "<area code> <subscriber…>".
		const [area = '', ...rest] = parsed.display.split(' ');
		const subscriber = rest.join('');
		if (subscriber.length > 4) {
			return `${area}-${'*'.repeat(subscriber.length - 4)}${subscriber.slice(-4)}`;
		}
		return `****${national.slice(-4)}`;
	}
	// International: the display starts with "+<country code> ".
	const code = parsed.display.split(' ')[0] ?? '+';
	const rest = parsed.e164.slice(code.length);
	const stars = '*'.repeat(Math.max(2, rest.length - 4));
	return `${code} ${stars}${rest.slice(-4)}`;
}
