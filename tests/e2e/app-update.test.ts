// A new release is installed in the background and offered; the page reloads
// into it only when the user accepts.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { webBuildDir } from '../../scripts/lib/paths.mjs';
import { launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
let publicDir: string;

beforeAll(async () => {
	// A private copy of the build, so that "releasing" does not touch build/.
	publicDir = mkdtempSync(path.join(tmpdir(), 'kedang-public-'));
	cpSync(webBuildDir, publicDir, { recursive: true });
	server = await startTestServer({ publicDir });
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	rmSync(publicDir, { recursive: true, force: true });
});

it('offers the new version and reloads only after the user accepts', async () => {
	const page = await (await browser.newContext()).newPage();
	await page.goto(server.url + '/login');
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });

	// Release: any byte change in service-worker.js makes the browser install it.
	appendFileSync(path.join(publicDir, 'service-worker.js'), '\n// release 2\n');
	await page.getByLabel('邮箱').fill('typed-before-update@example.com');
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

	const banner = page.getByRole('alert');
	await banner.getByRole('button', { name: '重新加载' }).waitFor({ timeout: 30_000 });
	// Offered, not forced: the page has not reloaded and kept what was typed.
	await expect(page.getByLabel('邮箱').inputValue()).resolves.toBe('typed-before-update@example.com');
	await expect(page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting !== null))).resolves.toBe(true);

	await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '重新加载' }).click()]);
	await page.getByRole('button', { name: '登录' }).waitFor();
	await expect(page.getByLabel('邮箱').inputValue()).resolves.toBe('');
	const waiting = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting));
	expect(waiting).toBeNull();
});
