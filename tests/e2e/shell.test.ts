// A demo rep signs in, the service worker precaches the app, and with the
// network cut the app still opens, deep links included.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, seedDemo } from '../../scripts/lib/demo.mjs';
import { launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	server = await startTestServer({
		env: { KEDANG_ADMIN_EMAIL: DEMO_ADMIN.email, KEDANG_ADMIN_PASSWORD: DEMO_ADMIN.password }
	});
	await seedDemo(server.url);
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function signIn(page: Page, email: string) {
	await page.goto(server.url + '/');
	// Not signed in: the app sends us to the sign-in page.
	await page.waitForURL(/\/login/);
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('密码').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

/** Resolves once a service worker controls the page (so the precache is complete). */
async function waitForServiceWorker(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
}

describe('app shell', () => {
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
		page = await context.newPage();
	});
	afterAll(async () => {
		await context?.close();
	});

	it('signs a demo rep in and shows the shell in Chinese', async () => {
		await signIn(page, 'rep1@example.com');
		const nav = page.getByRole('navigation', { name: '主导航' });
		await expect(nav.getByRole('link', { name: '客户' }).isVisible()).resolves.toBe(true);
		// Reps have no review queue.
		await expect(nav.getByRole('link', { name: '审核' }).count()).resolves.toBe(0);
		await expect(page.getByRole('heading', { name: '你好，李明' }).isVisible()).resolves.toBe(true);
	});

	it('opens with the network cut after one online visit', async () => {
		await waitForServiceWorker(page);
		await context.setOffline(true);
		try {
			await page.reload();
			await page.getByRole('heading', { name: '你好，李明' }).waitFor();
			// The user is told the server is out of reach: the offline banner, or — where
			// Chromium 148 keeps navigator.onLine true after an emulated-offline reload —
			// the sync indicator's "连不上服务器".
			await page.getByText(/离线：数据保存在本机|连不上服务器/).first().waitFor();

			// A deep link that was never visited is answered by the precached shell.
			await page.goto(server.url + '/customers');
			await page.getByRole('heading', { name: '客户档案' }).waitFor();
			const nav = page.getByRole('navigation', { name: '主导航' });
			await expect(nav.getByRole('link', { name: '客户', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
		} finally {
			await context.setOffline(false);
		}
	});

	it('switches the language, remembers it, and signs out', async () => {
		await page.goto(server.url + '/settings');
		await page.getByText('English').click();
		await page.getByRole('heading', { name: 'Settings' }).waitFor();
		await page.reload();
		await page.getByRole('link', { name: 'Customers' }).waitFor();
		await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');

		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/login/);
		await page.goto(server.url + '/customers');
		await page.waitForURL(/\/login\?next=%2Fcustomers/);
	});
});

describe('desk staff', () => {
	it('see the review queue in a desktop sidebar', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		try {
			const page = await context.newPage();
			await signIn(page, 'desk@example.com');
			const review = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审核' });
			await review.click();
			await page.getByRole('heading', { name: '审核队列' }).waitFor();
			const box = await page.getByRole('navigation', { name: '主导航' }).boundingBox();
			// A sidebar on the left, full height — not the phone's bottom bar.
			expect(box).toMatchObject({ x: 0, y: 0 });
			expect(box!.height).toBeGreaterThan(700);
		} finally {
			await context.close();
		}
	});

	it('get a clear message for a wrong password', async () => {
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await page.goto(server.url + '/login');
			await page.getByLabel('邮箱').fill('desk@example.com');
			await page.getByLabel('密码').fill('wrong-password');
			await page.getByRole('button', { name: '登录' }).click();
			await expect(page.getByRole('alert').textContent()).resolves.toBe('邮箱或密码不正确');
		} finally {
			await context.close();
		}
	});
});
