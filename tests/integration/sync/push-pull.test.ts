// The sync engine's push and pull against a real server, with the device
// store in fake-indexeddb. Each test gets its own device database.
import 'fake-indexeddb/auto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDB } from '../../../src/lib/db/app-db';
import { createLocal, updateLocal } from '../../../src/lib/sync/outbox';
import { pullCollection } from '../../../src/lib/sync/pull';
import { pushOne } from '../../../src/lib/sync/push';
import { customerData, localFields, newDevice } from '../../factories/archive';
import { clientFor, startTestServer, type TestServer } from '../../helpers/server';
import { accountOf, createActors, type Actors } from '../../helpers/users';

let server: TestServer;
let admin: PocketBase;
let actors: Actors;

beforeAll(async () => {
	server = await startTestServer();
	admin = await server.admin();
	actors = await createActors(server.url, admin);
});
afterAll(async () => {
	await server?.stop();
});

const device = () => newDevice();
const customer = (extra = {}) => {
	const fields = localFields(customerData(actors.ids.rep1, extra));
	return fields;
};

async function pushAll(db: AppDB, pb: PocketBase) {
	const steps = [];
	for (let i = 0; i < 20; i++) {
		const step = await pushOne(db, pb);
		if (step.kind === 'idle') break;
		steps.push(step.kind);
	}
	return steps;
}

describe('push', () => {
	it('sends a record created offline exactly once, with its receipt', async () => {
		const db = device();
		const id = await createLocal(db, 'customers', customer({ name: '杭州西溪茶业有限公司' }));
		expect(await db.outbox.count()).toBe(1);
		expect(await pushAll(db, actors.clients.rep1)).toEqual(['acked']);

		const row = await admin.collection('customers').getOne(id);
		expect(row).toMatchObject({ name: '杭州西溪茶业有限公司', version: 1, owner: actors.ids.rep1 });
		expect(await admin.collection('sync_ops').getOne(row.last_op)).toMatchObject({ user: actors.ids.rep1 });
		const local = await db.customers.get(id);
		expect(local).toMatchObject({ _state: 'synced', number: row.number });
		expect(await db.outbox.count()).toBe(0);
	});

	it('coalesces queued edits and bases each update on the confirmed version', async () => {
		const db = device();
		const id = await createLocal(db, 'customers', customer());
		await updateLocal(db, 'customers', id, { notes: '第一次' });
		await updateLocal(db, 'customers', id, { grade: 'vip' });
		expect(await db.outbox.count()).toBe(1); // both folded into the unsent create
		await pushAll(db, actors.clients.rep1);
		await updateLocal(db, 'customers', id, { notes: '第二次' });
		await updateLocal(db, 'customers', id, { status: 'intent' });
		expect(await pushAll(db, actors.clients.rep1)).toEqual(['acked']);
		const row = await admin.collection('customers').getOne(id);
		expect(row).toMatchObject({ notes: '第二次', grade: 'vip', status: 'intent', version: 2 });
	});

	it('reports a conflict when the server moved on, and rejects invalid data visibly', async () => {
		const db = device();
		const id = await createLocal(db, 'customers', customer());
		await pushAll(db, actors.clients.rep1);
		await actors.clients.reviewer.collection('customers').update(id, { base_version: 1, notes: '内勤修改' });
		await updateLocal(db, 'customers', id, { notes: '销售修改' });
		const step = await pushOne(db, actors.clients.rep1);
		expect(step).toMatchObject({ kind: 'conflict', theirs: { version: 2, notes: '内勤修改' } });

		const db2 = device();
		const bad = await createLocal(db2, 'customers', customer({ notes: '身份证 11010519491231002X' }));
		expect(await pushOne(db2, actors.clients.rep1)).toMatchObject({ kind: 'rejected' });
		const entry = await db2.outbox.toCollection().first();
		expect(entry).toMatchObject({ state: 'rejected', lastError: expect.stringContaining('forbidden_id_number') });
		expect(await db2.customers.get(bad)).toMatchObject({ _state: 'rejected' });
		await expect(admin.collection('customers').getOne(bad)).rejects.toMatchObject({ status: 404 });
	});
});

describe('pull', () => {
	it('brings down new and changed rows after the checkpoint, paging by (updated, id)', async () => {
		const rep2 = actors.clients.rep2;
		for (let i = 0; i < 7; i++) await rep2.collection('customers').create(customerData(actors.ids.rep2, { name: `宁波港城贸易公司${i}` }));
		const db = device();
		expect(await pullCollection(db, rep2, 'customers', 3)).toBe(7);
		expect(await db.customers.count()).toBe(7);
		// Nothing new: the safety window re-reads but applies nothing.
		expect(await pullCollection(db, rep2, 'customers', 3)).toBe(0);
		const first = (await db.customers.toArray())[0]!;
		await rep2.collection('customers').update(first.id, { base_version: 1, notes: '更新' });
		expect(await pullCollection(db, rep2, 'customers', 3)).toBe(1);
		expect(await db.customers.get(first.id)).toMatchObject({ notes: '更新', version: 2, _state: 'synced' });
	});

	it('never reads an empty reply from an expired session as "everything was deleted"', async () => {
		const db = device();
		const rep = await clientFor(server.url, accountOf('rep1'));
		await createLocal(db, 'customers', customer());
		await pushAll(db, rep);
		await pullCollection(db, rep, 'customers');
		const before = await db.customers.count();
		expect(before).toBeGreaterThan(0);
		rep.authStore.save('expired.invalid.token', rep.authStore.record); // the server treats it as a guest
		expect(await pullCollection(db, rep, 'customers')).toBe(0);
		expect(await db.customers.count()).toBe(before);
	});
});
