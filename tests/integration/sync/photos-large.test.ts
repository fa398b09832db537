// SYNC.md failure test 13: 20 MB photos over a throttled uplink that drops
// half-way through uploads and loses a reply after the server stored a file.
// Syncing again until done must leave exactly one attachment and one stored
// file per photo, byte for byte the device's copy.
import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { AppDB } from '../../../src/lib/db/app-db';
import { syncOnce } from '../../../src/lib/sync/engine';
import { savePhoto, uploadPhotos } from '../../../src/lib/sync/files';
import { createLocal, updateLocal } from '../../../src/lib/sync/outbox';
import { pushOne } from '../../../src/lib/sync/push';
import { customerData, localFields, newDevice } from '../../factories/archive';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { clientFor, startTestServer, type TestServer } from '../../helpers/server';
import { accountOf, createActors, type Actors } from '../../helpers/users';

const MB = 1024 * 1024;
/**
 * Far faster than a real weak uplink, so the test stays within ~30 s; what matters is that every
 * upload spans hundreds of paced slices, so the cuts land in the middle of a request body.
 */
const UPLINK = 8 * MB;

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
afterEach(() => {
	proxy.clear();
	proxy.requests.length = 0;
});
afterAll(async () => {
	await proxy?.close();
	await server?.stop();
});

/** An uncompressible "photo": a JPEG header, then random bytes. */
function bigJpeg(bytes: number): Uint8Array<ArrayBuffer> {
	const data = new Uint8Array(bytes);
	data.set(randomBytes(bytes));
	data.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
	return data;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const uploadPath = (id: string) => `/api/collections/attachments/records/${id}`;

/** The files PocketBase keeps for one record (storage/<collectionId>/<recordId>/; each file has a `.attrs` sidecar). */
async function storedFiles(id: string): Promise<string[]> {
	const collection = await admin.collections.getOne('attachments');
	try {
		return readdirSync(path.join(server.dataDir, 'storage', collection.id, id));
	} catch {
		return [];
	}
}

async function downloadSha256(id: string, file: string): Promise<string> {
	const token = await admin.files.getToken();
	const res = await fetch(`${server.url}/api/files/attachments/${id}/${file}?token=${token}`);
	expect(res.status).toBe(200);
	return sha256(new Uint8Array(await res.arrayBuffer()));
}

async function newCustomer(db: AppDB): Promise<string> {
	return createLocal(db, 'customers', localFields(customerData(actors.ids.rep1, { name: '深圳市华强电子有限公司' })));
}

it('20 MB photos through a throttled, dropping uplink: one attachment and one file each', { timeout: 120_000 }, async () => {
	const db = newDevice();
	const customer = await newCustomer(db);
	const kinds = ['card_front', 'licence', 'photo'] as const;
	const photos = kinds.map((kind) => ({ kind, bytes: bigJpeg(20 * MB) }));
	const ids: string[] = [];
	for (const { kind, bytes } of photos) {
		ids.push(await savePhoto(db, { customer, kind, ocr_text: '华强电子 李娜 采购经理' }, new Blob([bytes], { type: 'image/jpeg' })));
	}
	const [cutTwice, replyLost, cutThenLost] = ids as [string, string, string];

	proxy.setMode({ kind: 'throttle', bytesPerSec: UPLINK });
	// A train through tunnels: cut at 3 MB and 11 MB, then it gets through.
	proxy.inject({ kind: 'drop_upload', afterBytes: 3 * MB }, { method: 'PATCH', path: uploadPath(cutTwice) });
	proxy.inject({ kind: 'drop_upload', afterBytes: 11 * MB }, { method: 'PATCH', path: uploadPath(cutTwice) });
	// The server stores the whole file, the reply never arrives.
	proxy.inject({ kind: 'drop_reply' }, { method: 'PATCH', path: uploadPath(replyLost) });
	// Both: cut at 15 MB, then the next full upload's reply is lost.
	proxy.inject({ kind: 'drop_upload', afterBytes: 15 * MB }, { method: 'PATCH', path: uploadPath(cutThenLost) });
	proxy.inject({ kind: 'drop_reply' }, { method: 'PATCH', path: uploadPath(cutThenLost) });

	const started = performance.now();
	const outcomes: string[] = [];
	for (let round = 0; round < 12; round++) {
		const report = await syncOnce(db, rep, actors.ids.rep1);
		outcomes.push(report.outcome);
		if (report.outcome === 'ok' && (await db.photos.where('uploaded').equals(0).count()) === 0) break;
	}
	const seconds = (performance.now() - started) / 1000;
	console.info(`photos-large: ${outcomes.length} sync rounds (${outcomes.join(', ')}) in ${seconds.toFixed(1)} s`);
	expect(outcomes.at(-1)).toBe('ok');
	expect(outcomes.filter((o) => o === 'offline')).toHaveLength(5); // one per injected fault

	// Exactly one row per photo, each with its file, uploaded once (version 1 → 2).
	const rows = await admin.collection('attachments').getFullList({ filter: `customer = "${customer}"`, sort: 'id' });
	expect(rows.map((r) => r.id)).toEqual([...ids].sort());
	for (const [i, id] of ids.entries()) {
		const row = rows.find((r) => r.id === id)!;
		const local = await db.photos.get(id);
		expect(row).toMatchObject({ kind: kinds[i], sha256: sha256(photos[i]!.bytes), version: 2 });
		expect(local).toMatchObject({ uploaded: 1, sha256: row.sha256 });
		expect(await downloadSha256(id, row.file)).toBe(sha256(photos[i]!.bytes));
		// No orphan from a cut or repeated upload: the one file and its metadata sidecar.
		expect((await storedFiles(id)).sort()).toEqual([row.file, `${row.file}.attrs`]);
		expect(await db.attachments.get(id)).toMatchObject({ _state: 'synced', file: row.file, _base: { file: row.file, version: 2 } });

		const uploads = proxy.requests.filter((r) => r.method === 'PATCH' && r.path === uploadPath(id));
		const whole = uploads.filter((r) => r.outcome === 200 || r.outcome === 'dropped');
		expect(whole).toHaveLength(1); // the retry after a lost reply found the file and sent nothing
		expect(whole[0]!.bytesUp).toBeGreaterThan(20 * MB);
	}
	const cuts = (id: string) =>
		proxy.requests.filter((r) => r.path === uploadPath(id) && r.fault === 'drop_upload').map((r) => r.bytesUp);
	expect(cuts(cutTwice)).toEqual([3 * MB, 11 * MB]);
	expect(cuts(cutThenLost)).toEqual([15 * MB]);
	expect(proxy.requests.find((r) => r.path === uploadPath(replyLost) && r.fault === 'drop_reply')).toMatchObject({
		forwarded: true,
		outcome: 'dropped'
	});
	expect(await db.outbox.count()).toBe(0);
});

it('an edit typed while the photo uploads is kept and pushed after it', { timeout: 60_000 }, async () => {
	const db = newDevice();
	const customer = await newCustomer(db);
	const bytes = bigJpeg(6 * MB);
	const id = await savePhoto(db, { customer, kind: 'card_front', ocr_text: '华强电子 李娜' }, new Blob([bytes], { type: 'image/jpeg' }));
	while ((await pushOne(db, rep)).kind === 'acked');

	proxy.setMode({ kind: 'throttle', bytesPerSec: UPLINK });
	const uploading = uploadPhotos(db, rep);
	await expect.poll(() => proxy.requests.find((r) => r.method === 'PATCH')?.bytesUp ?? 0).toBeGreaterThan(MB);
	await updateLocal(db, 'attachments', id, { ocr_text: '华强电子 李娜 采购经理 13812345678' });
	expect(await uploading).toMatchObject({ uploaded: 1 });
	// The upload's reply did not overwrite the edit.
	expect(await db.attachments.get(id)).toMatchObject({ ocr_text: '华强电子 李娜 采购经理 13812345678', _state: 'pending' });

	expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pending: 0 });
	const row = await admin.collection('attachments').getOne(id);
	expect(row).toMatchObject({ ocr_text: '华强电子 李娜 采购经理 13812345678', version: 3 });
	expect(await downloadSha256(id, row.file)).toBe(sha256(bytes));
	expect(await db.attachments.get(id)).toMatchObject({ _state: 'synced', file: row.file, version: 3 });
});

it('a file over the server limit is refused once, kept on the device and not retried', { timeout: 60_000 }, async () => {
	// The attachments file field allows 50 MB (pb_migrations/1763856200); an
	// uncompressed 20 MB original fits, a 51 MB one does not.
	const db = newDevice();
	const customer = await newCustomer(db);
	const bytes = bigJpeg(51 * MB);
	const id = await savePhoto(db, { customer, kind: 'contract' }, new Blob([bytes], { type: 'image/jpeg' }));
	while ((await pushOne(db, rep)).kind === 'acked');

	const first = await uploadPhotos(db, rep);
	expect(first).toMatchObject({ uploaded: 0, rejected: 1, failed: 0, offline: false });
	expect(first.lastError).toBeTruthy();
	expect(await db.photos.get(id)).toMatchObject({ uploaded: -1, sha256: sha256(bytes), error: first.lastError });
	expect((await db.photos.get(id))!.blob.size).toBe(bytes.length);
	expect(await db.attachments.get(id)).toMatchObject({ _state: 'rejected' });

	expect(await uploadPhotos(db, rep)).toMatchObject({ uploaded: 0, rejected: 0, failed: 0 });
	expect(proxy.requests.filter((r) => r.method === 'PATCH' && r.path === uploadPath(id))).toHaveLength(1);
	const row = await admin.collection('attachments').getOne(id);
	expect(row).toMatchObject({ file: '', version: 1 });
	expect(await storedFiles(id)).toEqual([]);
});
