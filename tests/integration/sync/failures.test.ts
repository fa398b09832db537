// SYNC.md failure tests, through a fault-injecting proxy in front of a real
// server. Numbers refer to the list in SYNC.md.
import 'fake-indexeddb/auto';
import type PocketBase from 'pocketbase';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncOnce } from '../../../src/lib/sync/engine';
import { createLocal, updateLocal } from '../../../src/lib/sync/outbox';
import { pushOne } from '../../../src/lib/sync/push';
import { customerData, localFields, newDevice, newId } from '../../factories/archive';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { clientFor, startTestServer, type TestServer } from '../../helpers/server';
import { accountOf, createActors, type Actors } from '../../helpers/users';

let server: TestServer;
let proxy: FaultProxy;
let admin: PocketBase;
let actors: Actors;
/** rep1, talking to the server through the proxy. */
let rep: PocketBase;

beforeAll(async () => {
	server = await startTestServer();
	proxy = await startFaultProxy(server.url);
	admin = await server.admin();
	actors = await createActors(server.url, admin);
	rep = await clientFor(proxy.url, accountOf('rep1'));
});
afterEach(() => proxy.clear());
afterAll(async () => {
	await proxy?.close();
	await server?.stop();
});

const device = () => newDevice();
const fields = (extra = {}) => {
	const rest = localFields(customerData(actors.ids.rep1, extra));
	return rest;
};
const BATCH = { method: 'POST', path: '/api/batch' };

describe('1. reply lost after the server committed', () => {
	it('create: retried with the same op id → one row, one receipt', async () => {
		const db = device();
		const id = await createLocal(db, 'customers', fields({ name: '无锡太湖纺织有限公司' }));
		proxy.inject({ kind: 'drop_reply' }, BATCH);
		expect(await pushOne(db, rep)).toMatchObject({ kind: 'retry' });
		expect(proxy.requests.at(-1)).toMatchObject({ forwarded: true, outcome: 'dropped' });
		expect(await pushOne(db, rep)).toMatchObject({ kind: 'acked' });

		expect(await admin.collection('customers').getFullList({ filter: `name = "无锡太湖纺织有限公司"` })).toHaveLength(1);
		const row = await admin.collection('customers').getOne(id);
		expect(row.version).toBe(1);
		expect(await admin.collection('sync_ops').getFullList({ filter: `id = "${row.last_op}"` })).toHaveLength(1);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'synced', number: row.number });
	});

	it('update and soft delete: applied once, version + 1 each', async () => {
		const db = device();
		const id = await createLocal(db, 'customers', fields());
		await pushOne(db, rep);
		for (const change of [{ notes: '丢包后的修改' }, { deleted: true }]) {
			await updateLocal(db, 'customers', id, change);
			proxy.inject({ kind: 'drop_reply' }, BATCH);
			expect(await pushOne(db, rep)).toMatchObject({ kind: 'retry' });
			expect(await pushOne(db, rep)).toMatchObject({ kind: 'acked' });
		}
		expect(await admin.collection('customers').getOne(id)).toMatchObject({ notes: '丢包后的修改', deleted: true, version: 3 });
		expect(await admin.collection('change_log').getFullList({ filter: `record = "${id}"` })).toHaveLength(2);
	});
});

it('2. one batch replayed 10× concurrently → exactly one effect', async () => {
	const c = await actors.clients.rep1.collection('customers').create(customerData(actors.ids.rep1));
	const op = newId();
	const send = () => {
		const batch = actors.clients.rep1.createBatch();
		batch.collection('sync_ops').create({ id: op });
		batch.collection('customers').update(c.id, { base_version: 1, version: 2, notes: '重放', last_op: op });
		return batch.send({ requestKey: null });
	};
	const results = await Promise.allSettled(Array.from({ length: 10 }, send));
	expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	expect(await admin.collection('customers').getOne(c.id)).toMatchObject({ version: 2, last_op: op });
	expect(await admin.collection('change_log').getFullList({ filter: `record = "${c.id}"` })).toHaveLength(1);
});

describe('12. captive portal, 429 storms, 5xx', () => {
	it.each([
		['captive portal HTML', { kind: 'captive_portal' } as const],
		['429', { kind: 'status', status: 429, retryAfter: 1 } as const],
		['503', { kind: 'status', status: 503 } as const],
		['connection reset', { kind: 'reset' } as const]
	])('%s: the session stops as offline, keeps the outbox, and the next one lands once', async (_, fault) => {
		const db = device();
		const id = await createLocal(db, 'customers', fields());
		proxy.inject(fault, { path: /^\/api\//, times: Infinity });
		const failed = await syncOnce(db, rep, actors.ids.rep1);
		expect(failed).toMatchObject({ outcome: 'offline', pending: 1 });
		expect(await db.outbox.count()).toBe(1);
		proxy.clear();
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pending: 0 });
		expect((await admin.collection('customers').getOne(id)).version).toBe(1);
	});
});

it('10. an invalid token: the session asks to sign in and deletes nothing', async () => {
	const db = device();
	const tab = await clientFor(proxy.url, accountOf('rep1'));
	await createLocal(db, 'customers', fields());
	await syncOnce(db, tab, actors.ids.rep1);
	const local = await db.customers.count();
	await createLocal(db, 'customers', fields({ notes: '令牌过期后保存' }));
	tab.authStore.save('expired.invalid.token', tab.authStore.record);
	expect(await syncOnce(db, tab, actors.ids.rep1)).toMatchObject({ outcome: 'auth', pending: 1 });
	expect(await db.customers.count()).toBe(local + 1);
	// Signing in again resumes the push.
	await tab.collection('users').authWithPassword(accountOf('rep1').email, accountOf('rep1').password);
	expect(await syncOnce(db, tab, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pending: 0 });
});
