// The sync benchmark (issue 4): loaded by scripts/bench-sync.mjs through
// Vite so that it runs the app's own TypeScript sync code against a real
// server. Devices are fake-indexeddb databases in this Node process.
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import PocketBase from 'pocketbase';
import { AppDB } from '$lib/db/app-db';
import { savePhoto, uploadPhotos } from '$lib/sync/files';
import { newId } from '$lib/sync/ids';
import { createLocal } from '$lib/sync/outbox';
import { pullCollection } from '$lib/sync/pull';
import { pushOne } from '$lib/sync/push';

export interface BenchOptions {
	url: string;
	admin: { email: string; password: string };
	rep: { id: string; email: string; password: string };
	customers: number; // (a)
	photoBytes: number;
	pullRows: number; // (b)
	changed: number; // (c)
	log: (line: string) => void;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

function customer(owner: string, n: number) {
	return {
		kind: 'company',
		name: `苏州工业园区测试贸易有限公司${n}`,
		address: `江苏省苏州市工业园区星湖街 ${n} 号`,
		industry: '51',
		status: 'potential',
		source: 'exhibition',
		first_contact: '2026-11-20',
		owner,
		review_state: 'draft'
	};
}

export async function runSyncBench(o: BenchOptions): Promise<Record<string, number>> {
	const rep = new PocketBase(o.url);
	rep.autoCancellation(false);
	await rep.collection('users').authWithPassword(o.rep.email, o.rep.password);
	const admin = new PocketBase(o.url);
	admin.autoCancellation(false);
	await admin.collection('_superusers').authWithPassword(o.admin.email, o.admin.password);

	// (a) created offline, then pushed: records first, then photos.
	const phone = new AppDB(`bench-${newId()}`);
	for (let n = 0; n < o.customers; n++) {
		const id = await createLocal(phone, 'customers', customer(o.rep.id, n));
		await savePhoto(phone, { customer: id, kind: 'card_front' }, new Blob([randomBytes(o.photoBytes)], { type: 'image/jpeg' }));
	}
	o.log(`(a) ${o.customers} customers + photos saved offline; ${await phone.outbox.count()} operations queued`);
	let t0 = performance.now();
	let steps = 0;
	for (;;) {
		const step = await pushOne(phone, rep);
		if (step.kind === 'idle') break;
		if (step.kind !== 'acked') throw new Error(`push step ${step.kind}`);
		steps++;
	}
	const recordsS = seconds(t0);
	const t1 = performance.now();
	const up = await uploadPhotos(phone, rep);
	const photosS = seconds(t1);
	const push = seconds(t0);
	o.log(`(a) ${steps} batches in ${recordsS.toFixed(1)} s, ${up.uploaded} photos in ${photosS.toFixed(1)} s`);

	// (b) a fresh device pulls pullRows customers (seeded by the superuser, not timed).
	const existing = o.customers;
	for (let n = existing; n < o.pullRows; n += 100) {
		const batch = admin.createBatch();
		for (let k = n; k < Math.min(n + 100, o.pullRows); k++) {
			batch.collection('customers').create({ ...customer(o.rep.id, k), id: newId() });
		}
		await batch.send({ requestKey: null });
	}
	const fresh = new AppDB(`bench-${newId()}`);
	t0 = performance.now();
	const pulled = await pullCollection(fresh, rep, 'customers');
	const pull = seconds(t0);
	o.log(`(b) pulled ${pulled} customers in ${pull.toFixed(1)} s`);

	// (c) 100 records change on the server; the same device pulls again.
	const some = await fresh.customers.limit(o.changed).toArray();
	for (let n = 0; n < some.length; n += 50) {
		const batch = admin.createBatch();
		for (const r of some.slice(n, n + 50)) batch.collection('customers').update(r.id, { notes: '内勤批量更新' });
		await batch.send({ requestKey: null });
	}
	t0 = performance.now();
	const changed = await pullCollection(fresh, rep, 'customers');
	const incremental = performance.now() - t0;
	o.log(`(c) ${changed} changed rows pulled in ${incremental.toFixed(0)} ms`);
	return {
		push_1000_s: Math.round(push * 10) / 10,
		pull_20000_s: Math.round(pull * 10) / 10,
		incremental_100_ms: Math.round(incremental)
	};
}
