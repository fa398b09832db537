import { describe, expect, it } from 'vitest';
import { SCHEMA_ISSUE_CODES } from '../../src/lib/domain';
import { format, LOCALES, pickLocale } from '../../src/lib/i18n/locale';
import { en } from '../../src/lib/i18n/messages/en';
import { zhCN, type Messages } from '../../src/lib/i18n/messages/zh-CN';
import { zhTW } from '../../src/lib/i18n/messages/zh-TW';

const translations: Record<(typeof LOCALES)[number], Messages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('pickLocale', () => {
	it.each([
		[null, ['en-US'], 'zh-CN'],
		[null, ['zh-CN', 'en'], 'zh-CN'],
		[null, ['zh-TW'], 'zh-TW'],
		[null, ['zh-HK', 'en'], 'zh-TW'],
		[null, ['en-GB', 'zh-Hant-TW'], 'zh-TW'],
		['en', ['zh-TW'], 'en'],
		['zh-CN', ['zh-HK'], 'zh-CN'],
		['fr', ['fr-FR'], 'zh-CN']
	] as const)('saved %s, browser %j → %s', (saved, langs, expected) => {
		expect(pickLocale(saved, langs)).toBe(expected);
	});
});

describe('format', () => {
	it('fills placeholders and leaves unknown ones as written', () => {
		expect(format(zhCN, 'home.greeting', { name: '李明' })).toBe('你好，李明');
		expect(format(en, 'error.server', { status: 503 })).toBe('The server is unavailable (503). Please try again later.');
		expect(format(zhCN, 'home.greeting')).toBe('你好，{name}');
	});
});

describe.each(LOCALES)('%s messages', (locale) => {
	const messages = translations[locale];
	it.each(Object.keys(zhCN) as (keyof Messages)[])('%s is translated with the same placeholders', (key) => {
		expect(messages[key].trim()).not.toBe('');
		expect(placeholders(messages[key])).toEqual(placeholders(zhCN[key]));
	});
	it('has no keys zh-CN lacks', () => {
		expect(Object.keys(messages).sort()).toEqual(Object.keys(zhCN).sort());
	});
});

it('zh-TW is really Traditional: no common Simplified-only characters', () => {
	const simplifiedOnly = /[档户录设门审导载连络网务项据删认证码钮]/;
	for (const [key, text] of Object.entries(zhTW)) {
		if (key.startsWith('locale.')) continue; // language names are written in their own script
		expect(text, key).not.toMatch(simplifiedOnly);
	}
});

it('labels every validation code the schemas and the server can return', () => {
	const server = ['reason_required', 'version_conflict', 'base_version_required', 'invalid_version'];
	for (const code of [...SCHEMA_ISSUE_CODES, ...server]) {
		for (const messages of Object.values(translations)) {
			expect(messages, code).toHaveProperty([`validation.${code}`]);
		}
	}
});
