// Issue 4's browser proof: a rep captures a card with a photo while offline,
// the app is closed, and when it opens online again the server has exactly
// one customer, one contact and one attachment whose file matches its sha256.
// Also: refused photos say why and save nothing; a draft survives a reload.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_ARGS, launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { accountOf, createActors, type Actors } from '../helpers/users';

let server: TestServer;
let admin: PocketBase;
let actors: Actors;
let browser: Browser;
const profiles: string[] = [];

beforeAll(async () => {
	server = await startTestServer();
	admin = await server.admin();
	actors = await createActors(server.url, admin);
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

/** A Chromium profile on disk: closing it and launching it again is closing and reopening the app. */
function launchProfile(dir: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(dir, {
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		viewport: { width: 360, height: 640 },
		locale: 'zh-CN'
	});
}

async function signIn(page: Page, who: 'rep1' | 'rep2') {
	const { email, password } = accountOf(who);
	await page.goto(server.url + '/login');
	await page.getByLabel('邮箱').fill(email);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.getByRole('navigation', { name: '主导航' }).waitFor();
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
}

/**
 * A JPEG drawn in the page: a card-like picture with sensor-like noise, so that
 * its size is that of a real phone photo. `orientation` adds an EXIF tag
 * (6 = the camera was held upright: decoders rotate 90° clockwise).
 */
async function makeJpeg(page: Page, width: number, height: number, orientation?: number): Promise<Buffer> {
	const base64 = await page.evaluate(
		async ([w, h]) => {
			const canvas = new OffscreenCanvas(w, h);
			const ctx = canvas.getContext('2d')!;
			const gradient = ctx.createLinearGradient(0, 0, w, h);
			gradient.addColorStop(0, '#f4efe6');
			gradient.addColorStop(1, '#9fb3c8');
			ctx.fillStyle = gradient;
			ctx.fillRect(0, 0, w, h);
			ctx.fillStyle = '#17324d';
			ctx.font = `${Math.round(h / 10)}px sans-serif`;
			ctx.fillText('华为技术有限公司', w * 0.08, h * 0.3);
			ctx.fillText('张伟 138 1234 5678', w * 0.08, h * 0.55);
			const image = ctx.getImageData(0, 0, w, h);
			const px = image.data;
			for (let i = 0; i < px.length; i += 4) {
				const n = (Math.random() - 0.5) * 24;
				px[i] = px[i]! + n;
				px[i + 1] = px[i + 1]! + n;
				px[i + 2] = px[i + 2]! + n;
			}
			ctx.putImageData(image, 0, 0);
			const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
			let binary = '';
			for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
			return btoa(binary);
		},
		[width, height] as const
	);
	const jpeg = Buffer.from(base64, 'base64');
	if (orientation === undefined) return jpeg;
	// APP1 "Exif", big-endian TIFF, one IFD entry: Orientation (0x0112), SHORT, 1 value.
	const exif = Buffer.from([
		0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01,
		0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
	]);
	return Buffer.concat([jpeg.subarray(0, 2), exif, jpeg.subarray(2)]);
}

type DeviceCounts = Record<'customers' | 'contacts' | 'attachments' | 'photos' | 'outbox', number> & { draftPhoto: boolean };

/** Row counts of the user's device database, read in the page. */
function deviceCounts(page: Page, userId: string) {
	return page.evaluate(
		(name) =>
			new Promise<DeviceCounts>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const names = ['customers', 'contacts', 'attachments', 'photos', 'outbox'] as const;
					const tx = db.transaction([...names, 'drafts'], 'readonly');
					const out: DeviceCounts = { customers: -1, contacts: -1, attachments: -1, photos: -1, outbox: -1, draftPhoto: false };
					for (const n of names) tx.objectStore(n).count().onsuccess = (e) => (out[n] = (e.target as IDBRequest<number>).result);
					tx.objectStore('drafts').get('capture.card').onsuccess = (e) => {
						out.draftPhoto = !!(e.target as IDBRequest<{ data?: { photo?: Blob } }>).result?.data?.photo;
					};
					tx.oncomplete = () => {
						db.close();
						resolve(out);
					};
				};
			}),
		`kedang-${userId}`
	);
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (ok(value) || Date.now() > deadline) return value;
		await new Promise((r) => setTimeout(r, 250));
	}
}

it('captures a card with a photo offline, survives closing the app, and syncs exactly once', async () => {
	const profile = mkdtempSync(path.join(tmpdir(), 'kedang-profile-'));
	profiles.push(profile);
	let context = await launchProfile(profile);
	let page = context.pages()[0] ?? (await context.newPage());
	await signIn(page, 'rep1');

	await context.setOffline(true);
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '采集' }).click();
	await page.getByRole('heading', { name: '采集' }).waitFor();

	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	// A 12-megapixel landscape photo tagged "held upright": stored upright, long side 2048.
	const photo = await makeJpeg(page, 4032, 3024, 6);
	await page.getByLabel('从相册选择').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
	const ready = page.getByRole('status').filter({ hasText: '照片已压缩' });
	await ready.waitFor({ timeout: 30_000 });
	expect(await ready.textContent()).toContain('1536×2048');
	const compressMs = await page.evaluate(() => performance.getEntriesByName('kedang:photo-compress').at(-1)?.duration ?? -1);
	expect(workers.some((url) => url.includes('compress.worker'))).toBe(true); // off the main thread

	const fill = (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
	await fill('姓名', '张伟');
	await fill('职务', '采购经理');
	await fill('公司', '华为技术有限公司');
	await fill('手机', '138 1234 5678');
	await fill('电话', '0755-2878 0808 转 801');
	await fill('邮箱', 'zhangwei@huawei.com');
	await fill('地址', '深圳市龙岗区坂田华为基地');
	await fill('微信', 'zhangwei_hw');
	await fill('QQ', '12345678');
	await page.getByRole('button', { name: '保存' }).click();
	await page.getByRole('status').filter({ hasText: '已保存「华为技术有限公司」' }).waitFor();
	// Exhibition mode: the form is empty for the next card.
	expect(await page.getByLabel('公司', { exact: true }).inputValue()).toBe('');
	await expect(page.getByRole('img', { name: '名片照片预览' }).count()).resolves.toBe(0);

	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '客户' }).click();
	const row = (p: Page) => p.getByRole('list', { name: '客户列表' }).getByRole('listitem').filter({ hasText: '华为技术有限公司' });
	await expect(row(page).textContent()).resolves.toContain('待同步');
	expect(await deviceCounts(page, actors.ids.rep1)).toMatchObject({ customers: 1, contacts: 1, attachments: 1, photos: 1, outbox: 3 });
	expect((await admin.collection('customers').getFullList()).length).toBe(0); // really offline

	// Close the app while offline, then open it again with the network back.
	await context.close();
	context = await launchProfile(profile);
	page = context.pages()[0] ?? (await context.newPage());
	await page.goto(server.url + '/customers');

	const attachments = await waitFor(
		() => admin.collection('attachments').getFullList(),
		(list) => list.length > 0 && !!list[0]!.file
	);
	const customers = await admin.collection('customers').getFullList();
	const contacts = await admin.collection('contacts').getFullList();
	expect(customers).toHaveLength(1);
	expect(contacts).toHaveLength(1);
	expect(attachments).toHaveLength(1);
	expect(customers[0]).toMatchObject({ name: '华为技术有限公司', kind: 'company', owner: actors.ids.rep1, source: 'exhibition', version: 1 });
	expect(contacts[0]).toMatchObject({ customer: customers[0]!.id, name: '张伟', mobile: '+8613812345678', phone: '+8675528780808;ext=801' });
	const attachment = attachments[0]!;
	expect(attachment).toMatchObject({ customer: customers[0]!.id, kind: 'card_front' });

	const token = await admin.files.getToken();
	const file = Buffer.from(await (await fetch(admin.files.getURL(attachment, attachment.file, { token }))).arrayBuffer());
	expect(file.length).toBeGreaterThan(10_000);
	expect(file.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8])); // a JPEG
	expect(createHash('sha256').update(file).digest('hex')).toBe(attachment.sha256);
	console.log(JSON.stringify({ photo_in_bytes: photo.length, photo_out_bytes: file.length, compress_ms: Math.round(compressMs) }));

	await expect(
		waitFor(
			() => row(page).textContent(),
			(text) => !!text?.includes('已同步')
		)
	).resolves.toContain('已同步');
	await context.close();
});

it('refuses bad photos with a message, saves nothing, and keeps the draft', async () => {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN' });
	try {
		const page = await context.newPage();
		await signIn(page, 'rep2');
		await page.goto(server.url + '/capture');
		await page.getByLabel('公司', { exact: true }).fill('深圳市南山区科技园服务有限公司');
		await page.getByLabel('姓名', { exact: true }).fill('王芳');

		const gallery = page.getByLabel('从相册选择');
		const alert = page.getByRole('alert');
		const refused = [
			{ file: { name: '报价单.txt', mimeType: 'text/plain', buffer: Buffer.from('不是图片') }, message: '所选文件不是图片' },
			{
				// A JPEG header followed by garbage: the decoder fails.
				file: { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 0x5a)]) },
				message: '无法读取这张照片'
			},
			{ file: { name: 'IMG_0003.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(page, 160, 100) }, message: '照片太小' },
			{ file: { name: 'IMG_0004.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(41 * 1024 * 1024) }, message: '照片超过 40 MB' }
		];
		for (const { file, message } of refused) {
			await gallery.setInputFiles(file);
			await expect(waitFor(() => alert.textContent(), (t) => !!t?.includes(message), 10_000)).resolves.toContain(message);
			await expect(page.getByRole('img', { name: '名片照片预览' }).count()).resolves.toBe(0);
		}
		await page.waitForTimeout(800); // past the draft debounce
		expect(await deviceCounts(page, actors.ids.rep2)).toEqual({
			customers: 0,
			contacts: 0,
			attachments: 0,
			photos: 0,
			outbox: 0,
			draftPhoto: false
		});

		// A field error is shown in words next to the field, and nothing is written.
		await page.getByLabel('手机', { exact: true }).fill('12345678901');
		await page.getByRole('button', { name: '保存' }).click();
		await alert.filter({ hasText: '请修改标出的内容后再保存' }).waitFor();
		const mobile = page.getByLabel('手机', { exact: true });
		expect(await mobile.getAttribute('aria-invalid')).toBe('true');
		await expect(page.locator(`#${await mobile.getAttribute('aria-describedby')}`).textContent()).resolves.toBe('电话号码无效');
		expect(await deviceCounts(page, actors.ids.rep2)).toMatchObject({ customers: 0, contacts: 0, outbox: 0 });

		// A good photo, then a bad one: the good one stays.
		await gallery.setInputFiles({ name: 'IMG_0005.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(page, 1600, 1000) });
		await page.getByRole('img', { name: '名片照片预览' }).waitFor();
		await gallery.setInputFiles(refused[0]!.file);
		await alert.filter({ hasText: '所选文件不是图片' }).waitFor();
		await expect(page.getByRole('img', { name: '名片照片预览' }).count()).resolves.toBe(1);

		// The draft (fields and photo) comes back after a reload.
		await expect(waitFor(() => deviceCounts(page, actors.ids.rep2), (c) => c.draftPhoto, 5_000)).resolves.toMatchObject({ draftPhoto: true });
		await page.reload();
		await page.getByRole('status').filter({ hasText: '已恢复上次未保存的内容' }).waitFor();
		expect(await page.getByLabel('公司', { exact: true }).inputValue()).toBe('深圳市南山区科技园服务有限公司');
		expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('王芳');
		await page.getByRole('img', { name: '名片照片预览' }).waitFor();
		expect(await deviceCounts(page, actors.ids.rep2)).toMatchObject({ customers: 0, outbox: 0 });
	} finally {
		await context.close();
	}
});
