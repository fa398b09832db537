// Photos reach the server once, after their record, even when the reply to
// an upload is lost (SYNC.md failure test 13, without the throttling).
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDB } from '../../../src/lib/db/app-db';
import { savePhoto, sha256Hex, uploadPhotos } from '../../../src/lib/sync/files';
import { createLocal } from '../../../src/lib/sync/outbox';
import { pushOne } from '../../../src/lib/sync/push';
import { customerData, localFields, newDevice } from '../../factories/archive';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { clientFor, startTestServer, type TestServer } from '../../helpers/server';
import { accountOf, createActors, type Actors } from '../../helpers/users';

let server: TestServer;
let proxy: FaultProxy;
let admin: PocketBase;
let actors: Actors;
let rep: PocketBase;

beforeAll(async () => {
	server = await startTestServer();
	proxy = await startFaultProxy(server.url);
	admin = await server.admin();
	actors = await createActors(server.url, admin);
	rep = await clientFor(proxy.url, accountOf('rep1'));
});
afterAll(async () => {
	await proxy?.close();
	await server?.stop();
});

async function pushAll(db: AppDB) {
	while ((await pushOne(db, rep)).kind === 'acked');
}

it('uploads a photo after its record, once, even when the upload reply is lost', async () => {
	const db = newDevice();
	const fields = localFields(customerData(actors.ids.rep1));
	const customer = await createLocal(db, 'customers', fields);
	// ~200 KB of incompressible bytes standing in for a compressed card photo.
	const photo = new Blob([randomBytes(200 * 1024)], { type: 'image/jpeg' });
	const id = await savePhoto(db, { customer, kind: 'card_front', ocr_text: '华信冷链 张伟 采购总监' }, photo);

	// Before its record is confirmed, nothing is uploaded.
	expect(await uploadPhotos(db, rep)).toMatchObject({ uploaded: 0 });
	await pushAll(db);

	proxy.inject({ kind: 'drop_reply' }, { method: 'PATCH', path: `/api/collections/attachments/records/${id}` });
	expect(await uploadPhotos(db, rep)).toMatchObject({ uploaded: 0, failed: 1 });
	expect(await uploadPhotos(db, rep)).toMatchObject({ uploaded: 1, failed: 0 });

	const row = await admin.collection('attachments').getOne(id);
	expect(row).toMatchObject({ customer, kind: 'card_front', sha256: await sha256Hex(photo), version: 2 });
	expect(row.file).toMatch(/\.jpg$/);
	const uploads = proxy.requests.filter((r) => r.method === 'PATCH' && r.path.includes(id));
	expect(uploads).toHaveLength(1); // the retry found the file and did not send it again
	// The file is protected: no token, no photo.
	expect((await fetch(`${server.url}/api/files/attachments/${id}/${row.file}`)).status).toBe(404);
	const token = await admin.files.getToken();
	const stored = await fetch(`${server.url}/api/files/attachments/${id}/${row.file}?token=${token}`);
	expect(await sha256Hex(await stored.blob())).toBe(await sha256Hex(photo));
	expect(await db.photos.get(id)).toMatchObject({ uploaded: 1 });
	expect(await admin.collection('attachments').getFullList({ filter: `customer = "${customer}"` })).toHaveLength(1);
});
