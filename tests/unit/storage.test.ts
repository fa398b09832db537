// SYNC.md failure test 14, the device side: a full disk during a local write,
// and a schema upgrade meeting a tab that still has the old version open.
// fake-indexeddb stands in for the browser; no server is involved.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB, onDbEvent, type DbEvent } from '../../src/lib/db/app-db';
import { storageProblem } from '../../src/lib/db/storage-errors';
import { storage } from '../../src/lib/state/storage.svelte';
import { savePhoto } from '../../src/lib/sync/files';
import { createLocal } from '../../src/lib/sync/outbox';
import { customerData, localFields, newDevice, newId } from '../factories/archive';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storageProblem', () => {
	it('finds a full disk however Dexie wrapped it', () => {
		const dom = quota();
		expect(storageProblem(dom)).toBe('quota');
		expect(storageProblem(new Dexie.QuotaExceededError(dom))).toBe('quota');
		// A transaction aborted because a write hit the quota: AbortError with the cause inside.
		expect(storageProblem(new Dexie.AbortError(dom))).toBe('quota');
		expect(storageProblem(new Dexie.AbortError('Transaction aborted', dom))).toBe('quota');
		expect(storageProblem(new Dexie.BulkError('bulkAdd failed', { 3: new Dexie.QuotaExceededError(dom) }))).toBe('quota');
		expect(storageProblem(new Error('save failed', { cause: dom }))).toBe('quota');
		expect(storageProblem({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: '' })).toBe('quota'); // old Firefox
	});

	it('tells a closed database apart from everything else', () => {
		expect(storageProblem(new Dexie.DatabaseClosedError())).toBe('closed');
		expect(storageProblem(new Dexie.ConstraintError('Key already exists'))).toBeNull();
		expect(storageProblem(new Dexie.AbortError())).toBeNull();
		expect(storageProblem(new TypeError('fetch failed'))).toBeNull();
		expect(storageProblem({ status: 0, name: 'ClientResponseError' })).toBeNull();
		expect(storageProblem(null)).toBeNull();
		expect(storageProblem('QuotaExceededError')).toBeNull();
		const loop: { name: string; inner?: unknown } = { name: 'AbortError' };
		loop.inner = loop;
		expect(storageProblem(loop)).toBeNull();
	});

	it('storage.report shows a quota problem until dismissed and passes other errors through', () => {
		expect(storage.report(new Error('validation'))).toBeNull();
		expect(storage.problem).toBeNull();
		expect(storage.report(new Dexie.AbortError(quota()))).toBe('quota');
		expect(storage.problem).toBe('quota');
		storage.dismiss();
		expect(storage.problem).toBeNull();
	});
});

/**
 * Makes the next write to `store` fail the way a browser fails it when the
 * origin is out of quota: `async` — the request errors with QuotaExceededError
 * and the transaction aborts with it (Chrome, Firefox); `sync` — add()/put()
 * throw it at once (seen in older WebKit).
 */
function failNextWrite(db: AppDB, store: string, how: 'async' | 'sync'): () => void {
	const native = db.backendDB().transaction(store, 'readonly').objectStore(store);
	const target: Record<string, unknown> =
		how === 'async'
			? Object.getPrototypeOf((native as unknown as { _rawObjectStore: object })._rawObjectStore)
			: Object.getPrototypeOf(native);
	const methods = how === 'async' ? ['storeRecord'] : ['add', 'put'];
	const originals = methods.map((m) => target[m] as (...args: unknown[]) => unknown);
	let armed = true;
	methods.forEach((m, i) => {
		target[m] = function (this: { name: string }, ...args: unknown[]) {
			if (armed && this.name === store) {
				armed = false;
				throw quota();
			}
			return originals[i]!.apply(this, args);
		};
	});
	return () => methods.forEach((m, i) => (target[m] = originals[i]));
}

describe('quota exceeded on a local write', () => {
	let db: AppDB;
	let restore = () => {};
	beforeEach(async () => {
		db = newDevice();
		await db.open();
	});
	afterEach(() => {
		restore();
		db.close();
	});

	const fields = () => localFields(customerData(newId(), { name: '杭州西湖茶叶有限公司', legal_rep: '陈静' }));
	const everything = async () => ({
		customers: await db.customers.toArray(),
		attachments: await db.attachments.toArray(),
		outbox: await db.outbox.toArray(),
		photos: await db.photos.toArray()
	});

	for (const how of ['async', 'sync'] as const) {
		for (const store of ['customers', 'outbox']) {
			it(`createLocal (${how}, ${store} full): no record without its outbox entry, and the reason surfaces`, async () => {
				const kept = await createLocal(db, 'customers', fields());
				const before = await everything();
				restore = failNextWrite(db, store, how);
				const err = await createLocal(db, 'customers', fields()).catch((e: unknown) => e);
				expect(err).toBeInstanceOf(Error);
				expect(storageProblem(err)).toBe('quota');
				expect(await everything()).toEqual(before);
				expect(before.customers.map((c) => c.id)).toEqual([kept]);
				// Space freed: the next write works.
				restore();
				const id = await createLocal(db, 'customers', fields());
				expect(await db.outbox.where('recordId').equals(id).count()).toBe(1);
			});
		}

		for (const store of ['attachments', 'outbox', 'photos']) {
			it(`savePhoto (${how}, ${store} full): no photo without its attachment and outbox entry`, async () => {
				const customer = await createLocal(db, 'customers', fields());
				const before = await everything();
				const blob = new Blob([new Uint8Array(64 * 1024).fill(7)], { type: 'image/jpeg' });
				restore = failNextWrite(db, store, how);
				const err = await savePhoto(db, { customer, kind: 'card_front', ocr_text: '西湖茶叶 陈静' }, blob).catch(
					(e: unknown) => e
				);
				expect(storageProblem(err)).toBe('quota');
				expect(await everything()).toEqual(before);
				restore();
				const id = await savePhoto(db, { customer, kind: 'card_front' }, blob);
				expect(await db.attachments.get(id)).toMatchObject({ _state: 'pending', customer });
				expect(await db.photos.get(id)).toMatchObject({ uploaded: 0 });
				expect(await db.outbox.where('recordId').equals(id).count()).toBe(1);
			});
		}
	}
});

/** The next app version: one more index (customers by city). */
class NextAppDB extends AppDB {
	constructor(name: string) {
		super(name);
		this.version(2).stores({ customers: 'id, owner, credit_code, name, city, _state' });
	}
}

describe('schema upgrade while an old tab has the database open', () => {
	const events: DbEvent[] = [];
	let unsubscribe = () => {};
	beforeEach(() => {
		events.length = 0;
		unsubscribe = onDbEvent((e) => events.push(e));
	});
	afterEach(() => unsubscribe());

	/** A device with a customer, an unsent edit and a photo; returns everything it holds. */
	async function seeded(db: AppDB) {
		const customer = await createLocal(db, 'customers', localFields(customerData(newId(), { name: '成都天府软件有限公司' })));
		await savePhoto(db, { customer, kind: 'licence' }, new Blob([new Uint8Array(1024).fill(1)], { type: 'image/jpeg' }));
		return snapshot(db);
	}
	async function snapshot(db: AppDB) {
		return {
			customers: await db.customers.toArray(),
			attachments: await db.attachments.toArray(),
			outbox: await db.outbox.toArray(),
			photos: (await db.photos.toArray()).map(({ blob, ...rest }) => ({ ...rest, size: blob.size }))
		};
	}

	it('an old build that ignores versionchange: the upgrade waits, says so, then completes', async () => {
		const name = `blocked-${newId()}`;
		const seed = new AppDB(name);
		const before = await seeded(seed);
		seed.close();
		// A tab of an old build without a versionchange handler: a bare connection.
		const stale = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open(name);
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		stale.onversionchange = null;

		const newApp = new NextAppDB(name);
		let opened = false;
		const opening = newApp.open().then(() => (opened = true));
		await expect.poll(() => events).toContainEqual({ kind: 'upgrade_blocked', name });
		expect(storage.problem).toBe('upgrade_blocked');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(opened).toBe(false); // still waiting, not failed
		stale.close(); // the user closes the old tab

		await opening;
		expect(events).toContainEqual({ kind: 'ready', name });
		expect(storage.problem).toBeNull();
		expect(await snapshot(newApp)).toEqual(before);
		newApp.close();
	});

	it('a tab of this app closes itself so the upgrade goes ahead, and asks for a reload', async () => {
		const name = `upgrade-${newId()}`;
		const oldTab = new AppDB(name);
		const before = await seeded(oldTab);
		expect(before.outbox).toHaveLength(2);

		const newApp = new NextAppDB(name);
		await newApp.open(); // would hang if the old tab held on
		expect(newApp.verno).toBe(2);
		expect(oldTab.isOpen()).toBe(false);
		expect(events).toContainEqual({ kind: 'closed', name });
		expect(events).not.toContainEqual({ kind: 'upgrade_blocked', name });
		expect(storage.problem).toBe('closed');

		// The old tab stays closed (its schema is outdated): writes fail visibly, nothing lands.
		const err = await createLocal(oldTab, 'customers', localFields(customerData(newId()))).catch((e: unknown) => e);
		expect(storageProblem(err)).toBe('closed');

		// Every row and outbox entry survived; the new index works.
		expect(await snapshot(newApp)).toEqual(before);
		const city = await newApp.customers.where('city').equals('成都').count();
		expect(city).toBe(0);
		newApp.close();
	});
});
