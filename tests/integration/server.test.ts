// The server binary as users get it: migrations applied, batch on, roles,
// superuser bootstrap without a known password, the PWA served with fallback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, startTestServer, TEST_ADMIN, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.stop();
});

describe('migrations', () => {
	it('adds users.role with the four roles and a required display name', async () => {
		const pb = await server.admin();
		const users = await pb.collections.getOne('users');
		const role = users.fields.find((f) => f.name === 'role');
		expect(role).toMatchObject({ type: 'select', required: true, maxSelect: 1 });
		expect(role?.values).toEqual(['rep', 'reviewer', 'manager', 'admin']);
		expect(users.fields.find((f) => f.name === 'name')).toMatchObject({ required: true });
		expect(users.createRule).toBe('@request.auth.role = "admin"');
	});

	it('enables the batch API and names the app', async () => {
		const pb = await server.admin();
		const settings = await pb.settings.getAll();
		expect(settings.batch).toMatchObject({ enabled: true, maxRequests: 100 });
		expect(settings.meta.appName).toBe('客档');
	});

	it('runs a real /api/batch transaction', async () => {
		const pb = await server.admin();
		const batch = pb.createBatch();
		for (const [email, name] of [
			['batch1@test.kedang', '赵一'],
			['batch2@test.kedang', '钱二']
		]) {
			batch.collection('users').create({ email, name, role: 'rep', password: 'pw-12345678', passwordConfirm: 'pw-12345678' });
		}
		const results = await batch.send();
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		const rows = await pb.collection('users').getFullList({ filter: 'email ~ "batch"' });
		expect(rows.map((r) => r.name).sort()).toEqual(['赵一', '钱二'].sort());
	});
});

describe('users and roles', () => {
	const rep = { email: 'rep@test.kedang', password: 'rep-password-1' };

	beforeAll(async () => {
		const pb = await server.admin();
		await pb.collection('users').create({ ...rep, passwordConfirm: rep.password, name: '孙三', role: 'rep' });
	});

	it('refuses a user without a role', async () => {
		const pb = await server.admin();
		await expect(
			pb.collection('users').create({ email: 'norole@test.kedang', name: '李四', password: 'pw-12345678', passwordConfirm: 'pw-12345678' })
		).rejects.toMatchObject({ status: 400, response: { data: { role: { code: 'validation_required' } } } });
	});

	it('lets a rep sign in and read their role, but not change it', async () => {
		const pb = await clientFor(server.url, rep);
		expect(pb.authStore.record?.role).toBe('rep');
		const id = pb.authStore.record!.id;
		await expect(pb.collection('users').update(id, { role: 'admin' })).rejects.toMatchObject({ status: 404 });
		const after = await (await server.admin()).collection('users').getOne(id);
		expect(after.role).toBe('rep');
		await pb.collection('users').update(id, { name: '孙三丰' });
		expect((await pb.collection('users').getOne(id)).name).toBe('孙三丰');
	});

	it('does not let a rep create accounts, nor guests sign up or list users', async () => {
		const pb = await clientFor(server.url, rep);
		const fresh = { email: 'x@test.kedang', name: '周五', role: 'rep', password: 'pw-12345678', passwordConfirm: 'pw-12345678' };
		await expect(pb.collection('users').create(fresh)).rejects.toMatchObject({ status: 400 });
		const guest = await clientFor(server.url);
		await expect(guest.collection('users').create(fresh)).rejects.toMatchObject({ status: 400 });
		expect((await guest.collection('users').getList(1, 50)).items).toHaveLength(0);
		expect((await pb.collection('users').getList(1, 50)).items.length).toBeGreaterThan(0);
	});
});

describe('the PWA and the API share one origin', () => {
	it('serves the app at / and at deep links, with the API untouched', async () => {
		for (const path of ['/', '/customers', '/customers/abc123', '/settings']) {
			const res = await fetch(server.url + path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/text\/html/);
			expect(res.headers.get('cache-control')).toBe('no-cache');
			expect(await res.text()).toContain('<title>');
		}
		const health = await fetch(`${server.url}/api/health`);
		expect(health.status).toBe(200);
		const missing = await fetch(`${server.url}/api/no-such-route`);
		expect(missing.status).toBe(404);
		expect(missing.headers.get('content-type')).toMatch(/application\/json/);
	});

	it('serves the manifest and the service worker, and caches hashed assets for good', async () => {
		const manifest = await fetch(`${server.url}/manifest.webmanifest`);
		expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json/);
		expect(await manifest.json()).toMatchObject({ name: '客档', lang: 'zh-CN', display: 'standalone' });
		const sw = await fetch(`${server.url}/service-worker.js`);
		expect(sw.status).toBe(200);
		const html = await (await fetch(server.url)).text();
		const asset = html.match(/\/_app\/immutable\/[^"]+\.js/)?.[0];
		expect(asset).toBeDefined();
		const res = await fetch(server.url + asset);
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
	});
});

describe('first superuser', () => {
	it('takes KEDANG_ADMIN_EMAIL / KEDANG_ADMIN_PASSWORD', async () => {
		const pb = await server.admin();
		expect(pb.authStore.record?.email).toBe(TEST_ADMIN.email);
		expect(server.output()).not.toContain(TEST_ADMIN.password);
	});

	it('otherwise gets a random password, printed once, that works', async () => {
		const first = await startTestServer({ env: {} });
		const printed = first.output().match(/superuser (\S+) with the password (\S+)/);
		await first.stop({ keepData: true });
		expect(printed).not.toBeNull();
		const [, email, password] = printed!;
		expect(password).toMatch(/^[A-Za-z0-9]{24}$/);

		const again = await startTestServer({ env: {}, dataDir: first.dataDir });
		try {
			expect(again.output()).not.toContain('Created the first superuser');
			const pb = await clientFor(again.url);
			await pb.collection('_superusers').authWithPassword(email!, password!);
			expect(pb.authStore.isSuperuser).toBe(true);
		} finally {
			await again.stop();
		}
	});
});
