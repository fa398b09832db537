// STYLE §11: no literal UI strings in components. Text nodes and user-facing
// attributes in .svelte markup must come from t(); this scan fails otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(full);
		return entry.name.endsWith('.svelte') ? [full] : [];
	});
}

/** Literal text left in the markup once scripts, styles, expressions and tags are removed. */
export function literalText(source: string): string[] {
	const markup = source
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<svelte:head>[\s\S]*?<\/svelte:head>/g, (head) => head.replace(/<title>[^<{]*<\/title>/, 'LITERAL_TITLE'));
	const withoutExpressions = stripBraces(markup);
	const text = withoutExpressions.replace(/<[^>]*>/g, ' ');
	return text
		.split(/\s+/)
		.filter((word) => /[\p{L}\p{N}]/u.test(word))
		.concat(literalAttributes(withoutExpressions));
}

/** Removes {…} blocks, nested braces included. */
function stripBraces(s: string): string {
	let out = '';
	let depth = 0;
	for (const ch of s) {
		if (ch === '{') depth++;
		else if (ch === '}') depth = Math.max(0, depth - 1);
		else if (depth === 0) out += ch;
	}
	return out;
}

function literalAttributes(markup: string): string[] {
	const attrs = /\b(aria-label|title|placeholder|alt)="([^"]*)"/g;
	return [...markup.matchAll(attrs)].filter((m) => /\p{L}/u.test(m[2] ?? '')).map((m) => m[0]);
}

describe('components use i18n for every UI string', () => {
	it('catches a literal string (the scanner works)', () => {
		expect(literalText('<p>保存</p>')).toEqual(['保存']);
		expect(literalText('<button aria-label="Close">{t("x")}</button>')).toEqual(['aria-label="Close"']);
		expect(literalText('<script>const a = "客户";</script><p>{t("a")}</p>')).toEqual([]);
	});

	it.each(svelteFiles(SRC).map((f) => [path.relative(SRC, f), f]))('%s', (_, file) => {
		expect(literalText(readFileSync(file, 'utf8'))).toEqual([]);
	});
});
