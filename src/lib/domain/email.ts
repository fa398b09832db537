/**
 * E-mail addresses (SPEC §4.2): a reasonable syntax check (not RFC 5322 — quoted local
 * parts and IP literals are refused because nobody prints them on a business card), the
 * domain lower-cased, and a personal-mailbox warning for company contacts.
 */
import { stripWhitespace, toHalfWidth } from './text';

/** Stable failure codes; the UI translates them. */
export type EmailFailure = 'empty' | 'syntax' | 'too_long';

/** Outcome of {@link checkEmail}. */
export type EmailResult =
	| {
			ok: true;
			/** Normalised address: local part as written, domain lower-cased. */
			email: string;
			local: string;
			domain: string;
			/** True for consumer mailboxes (qq.com, 163.com, gmail.com…). */
			personal: boolean;
	  }
	| { ok: false; reason: EmailFailure };

/** RFC 5321 limits, in characters. */
const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;

/** Dot-atom local part: no leading, trailing or double dots. */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** A DNS label; letters may be non-ASCII (例子.中国). */
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
/** Top-level domain: letters only (ASCII or IDN), at least two. */
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/u;

/**
 * Domains of consumer mailbox providers common in China and abroad. A company contact
 * using one gets a warning (policy may block). Sub-domains match too (vip.163.com).
 */
export const PERSONAL_MAIL_DOMAINS: readonly string[] = [
	// China
	'qq.com',
	'vip.qq.com',
	'foxmail.com',
	'163.com',
	'126.com',
	'yeah.net',
	'188.com',
	'sina.com',
	'sina.cn',
	'vip.sina.com',
	'sohu.com',
	'139.com',
	'189.cn',
	'wo.cn',
	'aliyun.com',
	'tom.com',
	'21cn.com',
	'263.net',
	// Hong Kong / Taiwan
	'yahoo.com.hk',
	'yahoo.com.tw',
	'hinet.net',
	'msa.hinet.net',
	// International
	'gmail.com',
	'googlemail.com',
	'outlook.com',
	'hotmail.com',
	'live.com',
	'msn.com',
	'yahoo.com',
	'ymail.com',
	'icloud.com',
	'me.com',
	'mac.com',
	'aol.com',
	'proton.me',
	'protonmail.com',
	'gmx.com',
	'gmx.de',
	'mail.com',
	'yandex.com',
	'yandex.ru',
	'mail.ru',
	'zoho.com',
	'naver.com',
	'daum.net',
	'yahoo.co.jp'
];

const PERSONAL = new Set(PERSONAL_MAIL_DOMAINS);

/**
 * Folds what OCR and Chinese keyboards produce: full-width (`＠`, `．`), the ideographic
 * full stop `。` used as a dot, the small commercial at `﹫`, and stray whitespace.
 */
export function normaliseEmail(s: string): string {
	const folded = stripWhitespace(toHalfWidth(s).replace(/[。｡]/g, '.').replace(/﹫/g, '@'));
	const at = folded.lastIndexOf('@');
	if (at < 0) return folded;
	return `${folded.slice(0, at)}@${folded.slice(at + 1).toLowerCase()}`;
}

/**
 * True when `domain` (any case) is, or is a sub-domain of, a consumer mailbox provider
 * listed in {@link PERSONAL_MAIL_DOMAINS}.
 */
export function isPersonalMailbox(domain: string): boolean {
	const labels = normaliseEmail(domain).replace(/^.*@/, '').toLowerCase().replace(/\.$/, '').split('.');
	for (let i = 0; i < labels.length - 1; i++) {
		if (PERSONAL.has(labels.slice(i).join('.'))) return true;
	}
	return false;
}

/**
 * Checks the syntax of an address after {@link normaliseEmail}. Rules: one `@`; dot-atom
 * local part of at most 64 characters; a domain of at least two labels, letters/digits/
 * hyphens (non-ASCII letters allowed), ending in an alphabetic TLD; at most 254 in total.
 */
export function checkEmail(s: string): EmailResult {
	const email = normaliseEmail(s);
	if (email === '') return { ok: false, reason: 'empty' };
	if (email.length > MAX_ADDRESS) return { ok: false, reason: 'too_long' };
	const parts = email.split('@');
	if (parts.length !== 2) return { ok: false, reason: 'syntax' };
	const [local = '', domain = ''] = parts;
	if (local.length > MAX_LOCAL) return { ok: false, reason: 'too_long' };
	if (!LOCAL.test(local)) return { ok: false, reason: 'syntax' };
	const labels = domain.split('.');
	const tld = labels[labels.length - 1] ?? '';
	if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(tld)) {
		return { ok: false, reason: 'syntax' };
	}
	return { ok: true, email, local, domain, personal: isPersonalMailbox(domain) };
}

/**
 * Masks an address for lists (SPEC §4.5): first character of the local part, `***`, last
 * character when the local part has 3+ characters, then the full domain —
 * `zhangsan@qq.com` → `z***n@qq.com`, `li@163.com` → `l***@163.com`. The star count is fixed
 * so the mask does not leak the length. Input without `@` is fully masked (`***`).
 */
export function maskEmail(s: string): string {
	const email = normaliseEmail(s);
	const at = email.lastIndexOf('@');
	if (at <= 0) return '***';
	const local = email.slice(0, at);
	const domain = email.slice(at + 1);
	const first = local.charAt(0);
	const last = local.length >= 3 ? local.charAt(local.length - 1) : '';
	return `${first}***${last}@${domain}`;
}
