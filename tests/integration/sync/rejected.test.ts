// Rejected operations against a real server: the refusal stays visible on the
// device, a fix is pushed by the next sync, a discard restores the confirmed
// copy and sends nothing.
import 'fake-indexeddb/auto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDB } from '../../../src/lib/db/app-db';
import { savePhoto } from '../../../src/lib/sync/files';
import { createLocal, updateLocal } from '../../../src/lib/sync/outbox';
import { pushOne } from '../../../src/lib/sync/push';
import { discardPlan, discardRejected, fixRejected, parseRejection } from '../../../src/lib/sync/rejected';
import { childData, customerData, localFields, newDevice } from '../../factories/archive';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createActors, type Actors } from '../../helpers/users';

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

const ID_NUMBER = '44030419900101109X';
const BAD_CREDIT_CODE = '91440300708461136A'; // the valid 91440300708461136T with a wrong check character

async function pushAll(db: AppDB) {
	const steps: string[] = [];
	for (let i = 0; i < 20; i++) {
		const step = await pushOne(db, actors.clients.rep1);
		if (step.kind === 'idle') break;
		steps.push(step.kind);
	}
	return steps;
}

async function serverRow(collection: string, id: string) {
	return admin.collection(collection).getOne(id).catch((err: { status?: number }) => (err.status === 404 ? null : Promise.reject(err)));
}

const customer = (extra = {}) => localFields(customerData(actors.ids.rep1, extra));

describe('a rejected create', () => {
	it('stays visible with the server reason, and a fix is pushed by the next sync', async () => {
		const db = newDevice();
		const id = await createLocal(db, 'customers', customer({ name: '华为技术有限公司', notes: `法人身份证 ${ID_NUMBER}` }));
		expect(await pushAll(db)).toEqual(['rejected']);

		const [entry] = await db.outbox.toArray();
		expect(entry).toMatchObject({ state: 'rejected', kind: 'create', recordId: id });
		expect(parseRejection(entry!.lastError).fields).toEqual([{ field: 'notes', code: 'forbidden_id_number' }]);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'rejected' });
		// Stays visible: later syncs skip it and do not drop it.
		expect(await pushAll(db)).toEqual([]);
		expect(await db.outbox.count()).toBe(1);
		expect(await serverRow('customers', id)).toBeNull();

		// A "fix" that still holds the number is refused on the device, and nothing changes.
		expect(await fixRejected(db, entry!.seq!, { notes: `身份证号 ${ID_NUMBER} 已删` })).toEqual({
			ok: false,
			issues: { notes: ['forbidden_id_number'] }
		});
		expect(await db.outbox.get(entry!.seq!)).toMatchObject({ state: 'rejected' });

		expect(await fixRejected(db, entry!.seq!, { notes: '证件信息不在系统中保存' })).toEqual({ ok: true });
		const requeued = await db.outbox.get(entry!.seq!);
		expect(requeued).toMatchObject({ state: 'queued', attempts: 0, opId: entry!.opId });
		expect(requeued!.lastError).toBeUndefined();
		expect(await db.customers.get(id)).toMatchObject({ _state: 'pending', notes: '证件信息不在系统中保存' });

		expect(await pushAll(db)).toEqual(['acked']);
		expect(await serverRow('customers', id)).toMatchObject({ name: '华为技术有限公司', notes: '证件信息不在系统中保存', version: 1 });
		expect(await db.outbox.count()).toBe(0);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'synced', notes: '证件信息不在系统中保存' });
	});

	it('is discarded with its photo and the records created under it; nothing is sent', async () => {
		const db = newDevice();
		const id = await createLocal(db, 'customers', customer({ name: '深圳市南山区科技园管理处', credit_code: BAD_CREDIT_CODE }));
		const contact = await createLocal(db, 'contacts', localFields(childData('contacts', id)));
		const photo = await savePhoto(db, localFields(childData('attachments', id)), new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }));
		// The children cannot land without their customer: refused too.
		expect(await pushAll(db)).toEqual(['rejected', 'rejected', 'rejected']);
		const rejected = await db.outbox.orderBy('seq').first();
		expect(parseRejection(rejected!.lastError).fields).toEqual([{ field: 'credit_code', code: 'invalid_credit_code' }]);

		expect(await discardPlan(db, rejected!.seq!)).toEqual({ removesRecord: true, children: 2, photos: 1 });
		await discardRejected(db, rejected!.seq!);
		expect(await db.customers.get(id)).toBeUndefined();
		expect(await db.contacts.get(contact)).toBeUndefined();
		expect(await db.attachments.get(photo)).toBeUndefined();
		expect(await db.photos.get(photo)).toBeUndefined();
		expect(await db.outbox.count()).toBe(0);
		expect(await pushAll(db)).toEqual([]);
		expect(await serverRow('customers', id)).toBeNull();
	});
});

describe('a rejected update', () => {
	it('is discarded: the record goes back to the confirmed copy and nothing is sent', async () => {
		const db = newDevice();
		const id = await createLocal(db, 'customers', customer({ credit_code: '', notes: '展会认识' }));
		expect(await pushAll(db)).toEqual(['acked']);

		await updateLocal(db, 'customers', id, { credit_code: BAD_CREDIT_CODE, notes: '补充信用代码' });
		expect(await pushAll(db)).toEqual(['rejected']);
		// Edited again while the refusal waits: a separate entry, pushed on its own.
		await updateLocal(db, 'customers', id, { grade: 'vip' });
		expect(await pushAll(db)).toEqual(['acked']);
		expect(await db.customers.get(id)).toMatchObject({ credit_code: BAD_CREDIT_CODE, grade: 'vip' });

		const [entry] = await db.outbox.toArray();
		await discardRejected(db, entry!.seq!);
		const local = await db.customers.get(id);
		expect(local).toMatchObject({ _state: 'synced', credit_code: '', notes: '展会认识', grade: 'vip', version: 2 });
		expect(await db.outbox.count()).toBe(0);
		expect(await pushAll(db)).toEqual([]);
		expect(await serverRow('customers', id)).toMatchObject({ credit_code: '', notes: '展会认识', grade: 'vip', version: 2 });
	});

	it('is fixed with a valid credit code and the server row has it', async () => {
		const db = newDevice();
		const id = await createLocal(db, 'customers', customer({ credit_code: '' }));
		await pushAll(db);
		await updateLocal(db, 'customers', id, { credit_code: BAD_CREDIT_CODE });
		expect(await pushAll(db)).toEqual(['rejected']);
		const [entry] = await db.outbox.toArray();

		expect(await fixRejected(db, entry!.seq!, { credit_code: '91440300708461136X' })).toEqual({
			ok: false,
			issues: { credit_code: ['invalid_credit_code'] }
		});
		// Lower case is normalised by the domain schema before it is queued.
		expect(await fixRejected(db, entry!.seq!, { credit_code: '91440300708461136t' })).toEqual({ ok: true });
		expect((await db.outbox.get(entry!.seq!))!.patch).toEqual({ credit_code: '91440300708461136T' });
		expect(await pushAll(db)).toEqual(['acked']);
		expect(await serverRow('customers', id)).toMatchObject({ credit_code: '91440300708461136T', version: 2 });
	});
});
