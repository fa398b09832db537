// SYNC.md failure tests 7–9: the pull must see every committed row exactly
// once, however `updated` is ordered — identical, out of commit order while
// the writer is held, or moved back by the server clock — and whatever the
// device's clock says. The test hooks (tests/helpers/pb_hooks) stamp
// `updated` the way each case needs; the pull follows `seq` (server/sync_seq.go).
import 'fake-indexeddb/auto';
import type PocketBase from 'pocketbase';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../src/lib/db/app-db';
import { syncOnce } from '../../../src/lib/sync/engine';
import { createLocal, updateLocal } from '../../../src/lib/sync/outbox';
import { pullCollection } from '../../../src/lib/sync/pull';
import { customerData, localFields, newDevice } from '../../factories/archive';
import { clientFor, holdWriter, setServerClock, startTestServer, type TestServer } from '../../helpers/server';
import { accountOf, createActors, type Actors } from '../../helpers/users';

let server: TestServer;
let admin: PocketBase;
let actors: Actors;
let rep: PocketBase;

beforeAll(async () => {
	server = await startTestServer({ testHooks: true });
	admin = await server.admin();
	actors = await createActors(server.url, admin);
	rep = await clientFor(server.url, accountOf('rep1'));
});
afterEach(() => setServerClock(server, null));
afterAll(async () => {
	await server?.stop();
});

/** Creates `n` customers of rep1 through the superuser, in batches of 100. */
async function seedCustomers(n: number, name: (i: number) => string): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i += 100) {
		const batch = admin.createBatch();
		for (let j = i; j < Math.min(n, i + 100); j++) {
			const data = customerData(actors.ids.rep1, { name: name(j), credit_code: '' });
			ids.push(String(data.id));
			batch.collection('customers').create(data);
		}
		await batch.send({ requestKey: null });
	}
	return ids;
}

/** Every id the client receives in list pages, in order (duplicates kept). */
function recordPages(client: PocketBase): { seen: string[]; stop: () => void } {
	const seen: string[] = [];
	client.afterSend = (_res, data) => {
		if (Array.isArray(data?.items)) seen.push(...data.items.map((r: { id: string }) => r.id));
		return data;
	};
	return { seen, stop: () => (client.afterSend = undefined) };
}

/** The device's customers as id → version. */
async function versionsOn(db: AppDB): Promise<Map<string, number>> {
	return new Map((await db.customers.toArray()).map((r) => [r.id, Number(r.version)]));
}

/** rep1's customers on the server as id → version. */
async function versionsOnServer(): Promise<Map<string, number>> {
	const rows = await admin.collection('customers').getFullList({ filter: `owner = "${actors.ids.rep1}"`, fields: 'id,version', requestKey: null });
	return new Map(rows.map((r) => [r.id, Number(r.version)]));
}

describe('7. thousands of rows with identical `updated`', () => {
	it('paged small, each row is received exactly once and applied once', { timeout: 60_000 }, async () => {
		setServerClock(server, { frozen: '2026-11-20 08:00:00.000Z' });
		const ids = await seedCustomers(2000, (i) => `同刻贸易${i}号有限公司`);
		const stamps = await admin.collection('customers').getFullList({ filter: `name ~ "同刻贸易"`, fields: 'updated', requestKey: null });
		expect(new Set(stamps.map((r) => r.updated))).toEqual(new Set(['2026-11-20 08:00:00.000Z']));

		const db = newDevice();
		const pages = recordPages(rep);
		const applied = await pullCollection(db, rep, 'customers', 37);
		pages.stop();

		expect(applied).toBe(2000);
		expect(pages.seen).toHaveLength(2000);
		expect(new Set(pages.seen)).toEqual(new Set(ids));
		expect(await db.customers.count()).toBe(2000);

		// The desk edits 150 of them — still the same `updated` — and the next pull gets exactly those.
		const edited = ids.slice(500, 650);
		for (let i = 0; i < edited.length; i += 50) {
			const batch = admin.createBatch();
			for (const id of edited.slice(i, i + 50)) batch.collection('customers').update(id, { notes: '内勤核对过' });
			await batch.send({ requestKey: null });
		}
		const again = recordPages(rep);
		expect(await pullCollection(db, rep, 'customers', 37)).toBe(150);
		again.stop();
		expect(again.seen.sort()).toEqual([...edited].sort());
		expect((await db.customers.bulkGet(edited)).every((r) => r?.notes === '内勤核对过' && r.version === 2)).toBe(true);
	});
});

describe('8. the writer is held while the device pulls', () => {
	it('writes stamped early and committed late are all pulled; nothing is missed or doubled', { timeout: 60_000 }, async () => {
		const db = newDevice();
		await seedCustomers(20, (i) => `暂停前${i}号商行`);
		await pullCollection(db, rep, 'customers', 7);

		// `updated` is taken when a request arrives; the writer is held for 1.5 s, so
		// 40 creates and 20 updates queue up and commit in whatever order the
		// connection pool hands the writer out — not in `updated` order.
		setServerClock(server, { early: true });
		const before = [...(await versionsOn(db)).keys()].slice(-20);
		const sizeBefore = (await versionsOnServer()).size;
		const hold = holdWriter(admin, 1500);
		await new Promise((r) => setTimeout(r, 100));
		const writes = [
			...Array.from({ length: 40 }, (_, i) =>
				admin.collection('customers').create(customerData(actors.ids.rep1, { name: `排队${i}号公司`, credit_code: '' }), { requestKey: null })
			),
			...before.map((id) => admin.collection('customers').update(id, { notes: '排队修改' }, { requestKey: null }))
		];
		const backup = admin.backups.create('', { requestKey: null }).catch((err: Error) => err);

		// The device keeps pulling, small pages, while the writes drain.
		let settled = false;
		const all = Promise.all(writes).finally(() => (settled = true));
		let rounds = 0;
		while (!settled) {
			await pullCollection(db, rep, 'customers', 7);
			rounds++;
			await new Promise((r) => setTimeout(r, 50));
		}
		await Promise.all([all, hold, backup]);
		await pullCollection(db, rep, 'customers', 7);

		expect(rounds).toBeGreaterThan(5);
		const onServer = await versionsOnServer();
		expect(await versionsOn(db)).toEqual(onServer);
		expect(onServer.size).toBe(sizeBefore + 40);
	});
});

describe('9. clocks', () => {
	it('the server clock moved back two days: rows written after it are still pulled', async () => {
		const db = newDevice();
		await pullCollection(db, rep, 'customers');
		const checkpointRow = (await db.customers.orderBy('id').toArray()).reduce((a, b) => (String(a.updated) > String(b.updated) ? a : b));

		setServerClock(server, { shiftMs: -2 * 24 * 3600 * 1000 });
		const created = await seedCustomers(10, (i) => `回拨${i}号实业有限公司`);
		const old = (await db.customers.limit(10).toArray()).map((r) => r.id);
		for (const id of old) await admin.collection('customers').update(id, { notes: '时钟回拨后修改' }, { requestKey: null });

		const written = await admin.collection('customers').getFullList({ filter: `name ~ "回拨"`, requestKey: null });
		expect(written.every((r) => r.updated < String(checkpointRow.updated))).toBe(true);

		expect(await pullCollection(db, rep, 'customers')).toBe(20);
		expect((await db.customers.bulkGet(created)).every((r) => String(r?.name).startsWith('回拨'))).toBe(true);
		expect((await db.customers.bulkGet(old)).every((r) => r?.notes === '时钟回拨后修改')).toBe(true);
	});

	it.each([
		['three days fast', 3],
		['three days slow', -3]
	])('a device clock %s: offline edits push once, the device converges with the server', async (_label, days) => {
		const skewed = newDevice();
		const honest = newDevice();
		await pullCollection(honest, rep, 'customers');
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			vi.setSystemTime(Date.now() + days * 24 * 3600 * 1000);
			await syncOnce(skewed, rep, actors.ids.rep1);
			const id = await createLocal(skewed, 'customers', localFields(customerData(actors.ids.rep1, { name: `钟差${days}天机械有限公司`, credit_code: '' })));
			const someone = (await skewed.customers.where('name').startsWith('暂停前').first())!;
			await updateLocal(skewed, 'customers', someone.id, { notes: `钟差 ${days} 天时修改` });
			expect(await syncOnce(skewed, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 2, pending: 0 });
			expect(await admin.collection('customers').getOne(id)).toMatchObject({ version: 1, name: `钟差${days}天机械有限公司` });
			expect((await admin.collection('customers').getOne(someone.id)).notes).toBe(`钟差 ${days} 天时修改`);
		} finally {
			vi.useRealTimers();
		}
		await pullCollection(honest, rep, 'customers');
		const onServer = await versionsOnServer();
		expect(await versionsOn(skewed)).toEqual(onServer);
		expect(await versionsOn(honest)).toEqual(onServer);
	});
});
