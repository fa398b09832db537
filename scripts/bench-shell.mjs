// `npm run bench:shell`: how much JavaScript a signed-in rep's first visit
// loads (gzip -9 of each file the page requests), measured in Chromium against
// a demo server on a free port. Last line is JSON.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildServer, buildWeb } from './lib/build.mjs';
import { DEMO_ADMIN, DEMO_PASSWORD, seedDemo } from './lib/demo.mjs';
import { webBuildDir } from './lib/paths.mjs';
import { freePort, startServer } from './lib/server.mjs';

buildWeb();
buildServer();
const dataDir = mkdtempSync(path.join(tmpdir(), 'kedang-bench-'));
const server = await startServer({
	http: `127.0.0.1:${await freePort()}`,
	dataDir,
	env: { KEDANG_ADMIN_EMAIL: DEMO_ADMIN.email, KEDANG_ADMIN_PASSWORD: DEMO_ADMIN.password }
});
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});
try {
	await seedDemo(server.url);
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	// Sign in first, then measure a cold load of the signed-in home page.
	await page.goto(server.url + '/login');
	await page.getByLabel('邮箱').fill('rep1@example.com');
	await page.getByLabel('密码').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await page.getByRole('navigation').waitFor();

	const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
	const cold = await fresh.newPage();
	/** @type {Set<string>} */
	const scripts = new Set();
	cold.on('request', (req) => {
		const url = new URL(req.url());
		if (url.pathname.endsWith('.js') && url.pathname !== '/service-worker.js') scripts.add(url.pathname);
	});
	await cold.goto(server.url + '/');
	await cold.getByRole('navigation').waitFor();
	await cold.waitForLoadState('networkidle');

	const gz = (/** @type {string} */ p) => gzipSync(readFileSync(path.join(webBuildDir, p)), { level: 9 }).length;
	const files = [...scripts].map((p) => ({ path: p, gzip_bytes: gz(p) })).sort((a, b) => b.gzip_bytes - a.gzip_bytes);
	const total = files.reduce((sum, f) => sum + f.gzip_bytes, 0);
	for (const f of files) console.log(`${String(f.gzip_bytes).padStart(7)}  ${f.path}`);
	console.log(`service-worker.js: ${gz('service-worker.js')} B gzip (loaded in the background, not counted)`);
	console.log(JSON.stringify({ shell_js_gzip_kb: Math.round(total / 102.4) / 10, shell_js_files: files.length }));
} finally {
	await browser.close();
	await server.stop();
	rmSync(dataDir, { recursive: true, force: true });
}
