// Pure locale helpers (no runes), shared by the i18n state and the tests.
import type { Messages, MessageKey } from './messages/zh-CN';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale to start with: the user's saved choice, else Traditional Chinese
 * for zh-TW / zh-HK / zh-MO / zh-Hant browsers, else zh-CN. English is only
 * used when chosen: the product is Chinese-first.
 */
export function pickLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
	if (isLocale(saved)) return saved;
	const traditional = /^zh-(tw|hk|mo|hant)/i;
	if (browserLanguages.some((lang) => traditional.test(lang))) return 'zh-TW';
	return DEFAULT_LOCALE;
}

/** Fills {placeholders} in a message; unknown placeholders are left as written. */
export function format(messages: Messages, key: MessageKey, params?: Record<string, string | number>): string {
	const text = messages[key];
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
