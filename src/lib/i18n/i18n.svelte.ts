// The UI language as rune state. zh-CN is bundled; zh-TW and en are loaded on
// demand (the service worker precaches them, so switching works offline).
import { DEFAULT_LOCALE, format, isLocale, pickLocale, type Locale } from './locale';
import { zhCN, type MessageKey, type Messages } from './messages/zh-CN';

export type { Locale, MessageKey };
export { LOCALES } from './locale';

const STORAGE_KEY = 'kedang.locale';

const loaders: Record<Locale, () => Promise<Messages>> = {
	'zh-CN': async () => zhCN,
	'zh-TW': async () => (await import('./messages/zh-TW')).zhTW,
	en: async () => (await import('./messages/en')).en
};

class I18n {
	#locale = $state<Locale>(DEFAULT_LOCALE);
	#messages = $state.raw<Messages>(zhCN);

	get locale(): Locale {
		return this.#locale;
	}

	/** Loads the saved (or browser-preferred) language; call before the first render. */
	async init(): Promise<void> {
		let saved: string | null = null;
		try {
			saved = localStorage.getItem(STORAGE_KEY);
		} catch {
			// storage blocked: fall back to the browser's languages
		}
		await this.#apply(pickLocale(saved, navigator.languages ?? [navigator.language]));
	}

	/** Switches the language and remembers the choice on this device. */
	async setLocale(locale: Locale): Promise<void> {
		if (!isLocale(locale)) return;
		await this.#apply(locale);
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// not remembered, still switched
		}
	}

	/** The message for `key` in the current language, with {placeholders} filled. */
	t = (key: MessageKey, params?: Record<string, string | number>): string =>
		format(this.#messages, key, params);

	async #apply(locale: Locale): Promise<void> {
		this.#messages = await loaders[locale]();
		this.#locale = locale;
		document.documentElement.lang = locale;
	}
}

export const i18n = new I18n();
/** Shorthand for i18n.t, for templates: {t('nav.home')}. */
export const t = i18n.t;
