// Renders the app icons in static/icons/ with headless Chromium (run by hand
// when the design changes: `node scripts/make-icons.mjs`; the PNGs are committed).
// A white 客 on the brand teal; the maskable variant keeps the glyph inside the
// 80 % safe zone and fills the whole square.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { root } from './lib/paths.mjs';

const BRAND = '#0f766e';
const icons = [
	{ file: 'icon-192.png', size: 192, maskable: false },
	{ file: 'icon-512.png', size: 512, maskable: false },
	{ file: 'maskable-512.png', size: 512, maskable: true },
	{ file: 'apple-touch-icon.png', size: 180, maskable: true }
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
for (const { file, size, maskable } of icons) {
	await page.setViewportSize({ width: size, height: size });
	const radius = maskable ? 0 : size * 0.22;
	const font = size * (maskable ? 0.46 : 0.6);
	await page.setContent(`<html><body style="margin:0;background:transparent">
		<div style="width:${size}px;height:${size}px;border-radius:${radius}px;background:${BRAND};
			display:flex;align-items:center;justify-content:center;color:#fff;
			font:700 ${font}px 'Noto Sans CJK SC',sans-serif;line-height:1">客</div></body></html>`);
	await page.screenshot({ path: path.join(root, 'static/icons', file), omitBackground: true });
}
await browser.close();
