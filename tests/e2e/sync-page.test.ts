// The sync page in Chromium: a change the server refuses stays visible with
// its reason in Chinese, "fix" sends it again, "discard" drops it, and the
// unsynced data exports as vCard and JSON with the network cut.
import { readFileSync } from 'node:fs';
import type PocketBase from 'pocketbase';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../factories/archive';
import { launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let admin: PocketBase;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let repId: string;

const REP = { email: 'rep-sync@test.kedang', password: 'pw-rep-sync-12345' };
const ID_NUMBER = '44030419900101109X';

beforeAll(async () => {
	server = await startTestServer();
	admin = await server.admin();
	repId = (await admin.collection('users').create({ ...REP, passwordConfirm: REP.password, name: '李明', role: 'rep' })).id;
	browser = await launchChromium();
	context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN', acceptDownloads: true });
	page = await context.newPage();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/**
 * Writes a record and its create into the user's device database, as an older
 * app version without the client-side check would have: the capture form
 * refuses an ID number before saving, so the UI cannot produce this refusal.
 */
async function writeOffline(collection: string, record: Record<string, unknown>) {
	await page.evaluate(
		async ({ userId, collection, record, opId }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(`kedang-${userId}`);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tx = db.transaction([collection, 'outbox'], 'readwrite');
			const { id, ...patch } = record;
			tx.objectStore(collection).put({ ...record, _base: null, _state: 'pending' });
			tx.objectStore('outbox').add({ opId, collection, recordId: id, kind: 'create', patch, baseVersion: 0, state: 'queued', attempts: 0, createdAt: Date.now() });
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ userId: repId, collection, record, opId: newId() }
	);
}

async function serverRow(collection: string, id: string) {
	return admin.collection(collection).getOne(id).catch(() => null);
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 20_000): Promise<T> {
	const end = Date.now() + timeout;
	for (;;) {
		const value = await read();
		if (ok(value) || Date.now() > end) return value;
		await new Promise((r) => setTimeout(r, 250));
	}
}

const downloaded = async (download: Download) => readFileSync((await download.path())!, 'utf8');

it('shows a refused change with its reason, exports it offline, and fixes or discards it', async () => {
	await page.goto(server.url + '/login');
	await page.getByLabel('邮箱').fill(REP.email);
	await page.getByLabel('密码').fill(REP.password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.getByRole('navigation', { name: '主导航' }).waitFor();

	// The global indicator opens the sync page.
	await page.getByRole('link', { name: '同步状态' }).click();
	await page.getByRole('heading', { name: '同步', exact: true }).waitFor();

	const customerId = newId();
	const contactId = newId();
	await writeOffline('customers', { id: customerId, kind: 'company', name: '华为技术有限公司', address: '深圳市南山区科技园', owner: repId, notes: `法人身份证 ${ID_NUMBER}` });
	await writeOffline('contacts', { id: contactId, customer: customerId, name: '张伟', title: '采购经理', mobile: '+8613812345678' });
	await page.getByRole('button', { name: '立即同步' }).click();

	const rejected = page.getByRole('list', { name: '被服务器拒绝' });
	const customer = rejected.getByRole('listitem', { name: '客户 华为技术有限公司' });
	const contact = rejected.getByRole('listitem', { name: '联系人 张伟' });
	await customer.waitFor();
	await contact.waitFor();
	await expect(customer.textContent()).resolves.toContain('备注：不得保存身份证号码');
	await expect(page.getByText('待同步：2 条').isVisible()).resolves.toBe(true);
	await page.getByRole('status').filter({ hasText: '2 条修改被服务器拒绝' }).waitFor();
	expect(await serverRow('customers', customerId)).toBeNull();

	// Export works with the network cut.
	await context.setOffline(true);
	try {
		const [vcard] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出名片（vCard）' }).click()]);
		expect(vcard.suggestedFilename()).toMatch(/^kedang-unsynced-.*\.vcf$/);
		const cards = (await downloaded(vcard)).split('\r\n');
		expect(cards).toContain('FN:张伟');
		expect(cards).toContain('N:张;伟;;;');
		expect(cards).toContain('FN:华为技术有限公司');
		expect(cards.filter((l) => l === 'ORG:华为技术有限公司')).toHaveLength(2);
		expect(cards).toContain('TEL;TYPE=CELL:+8613812345678');

		const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON' }).click()]);
		const doc = JSON.parse(await downloaded(json));
		expect(doc.operations.map((o: { recordId: string; state: string }) => [o.recordId, o.state])).toEqual([
			[customerId, 'rejected'],
			[contactId, 'rejected']
		]);
		expect(doc.operations[0].record).toMatchObject({ name: '华为技术有限公司', notes: `法人身份证 ${ID_NUMBER}` });
	} finally {
		await context.setOffline(false);
	}

	// Fix: a text still holding the number is refused on the device, then a clean one is pushed.
	await customer.getByRole('button', { name: '修改' }).click();
	const notes = customer.getByLabel('备注');
	await notes.fill(`身份证 ${ID_NUMBER}`);
	await customer.getByRole('button', { name: '保存并重新同步' }).click();
	await customer.getByText('不得保存身份证号码', { exact: true }).waitFor();
	await notes.fill('证件信息不在系统中保存');
	await customer.getByRole('button', { name: '保存并重新同步' }).click();
	const row = await until(() => serverRow('customers', customerId), (r) => r !== null);
	expect(row).toMatchObject({ name: '华为技术有限公司', notes: '证件信息不在系统中保存', owner: repId, version: 1 });
	await customer.waitFor({ state: 'detached' });

	// Discard: the contact's create goes, after a confirm; nothing reaches the server.
	let question = '';
	page.once('dialog', (dialog) => {
		question = dialog.message();
		void dialog.accept();
	});
	await contact.getByRole('button', { name: '放弃' }).click();
	await contact.waitFor({ state: 'detached' });
	expect(question).toContain('从本机删除');
	await page.getByText('待同步：0 条').waitFor();
	await page.getByRole('button', { name: '立即同步' }).click();
	await page.getByText('没有等待上传的修改。').waitFor();
	expect(await serverRow('contacts', contactId)).toBeNull();
	expect((await admin.collection('sync_ops').getFullList()).length).toBe(1);
});

it('pulls at once when the server announces a change (realtime), long before the timer', async () => {
	// Let the sessions the previous test started run out first.
	await new Promise((r) => setTimeout(r, 4_000));
	const id = newId();
	await admin.collection('customers').create({ id, kind: 'company', name: '深圳市南山区科技园管理处', owner: repId, version: 1 });
	const started = Date.now();
	const onDevice = await until(
		() =>
			page.evaluate(
				async ({ userId, id }) => {
					const db = await new Promise<IDBDatabase>((resolve, reject) => {
						const open = indexedDB.open(`kedang-${userId}`);
						open.onsuccess = () => resolve(open.result);
						open.onerror = () => reject(open.error);
					});
					const row = await new Promise<unknown>((resolve) => {
						const get = db.transaction('customers').objectStore('customers').get(id);
						get.onsuccess = () => resolve(get.result ?? null);
						get.onerror = () => resolve(null);
					});
					db.close();
					return row as { name?: string } | null;
				},
				{ userId: repId, id }
			),
		(row) => row !== null,
		15_000
	);
	expect(onDevice).toMatchObject({ name: '深圳市南山区科技园管理处', _state: 'synced' });
	// The timer runs every 60 s; realtime plus the 1.5 s debounce is far quicker.
	expect(Date.now() - started).toBeLessThan(15_000);
});
