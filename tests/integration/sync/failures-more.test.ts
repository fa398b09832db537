// More SYNC.md failure tests (3, 4, 5, 6, 11, 15) against a real server, with
// fake-indexeddb devices and the fault proxy. Numbers refer to the list in
// SYNC.md. Every test opens its own device databases.
import 'fake-indexeddb/auto';
import type PocketBase from 'pocketbase';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppDB, openUserDb, type Fields, type LocalRecord, type SyncedCollection } from '../../../src/lib/db/app-db';
import { syncOnce, type SyncReport } from '../../../src/lib/sync/engine';
import { createLocal, deleteLocal, updateLocal } from '../../../src/lib/sync/outbox';
import { SERVER_OWNED_FIELDS } from '../../../src/lib/sync/merge';
import { pullCollection } from '../../../src/lib/sync/pull';
import { pushOne, serverFields } from '../../../src/lib/sync/push';
import { childData, customerData, localFields, newDevice } from '../../factories/archive';
import { startFaultProxy, type Fault, type FaultProxy } from '../../helpers/fault-proxy';
import { clientFor, startTestServer, TEST_ADMIN, type TestServer } from '../../helpers/server';
import { createActors, type Actors } from '../../helpers/users';

let server: TestServer;
let proxy: FaultProxy;
let admin: PocketBase;
let actors: Actors;

type Who = 'rep1' | 'rep2' | 'reviewer';
const login = (who: Who) => ({ email: `${who}@test.kedang`, password: `pw-${who}-12345` });
/** A new signed-in client of `who`, through the proxy unless `direct`. */
const signIn = (who: Who, direct = false) => clientFor(direct ? server.url : proxy.url, login(who));

beforeAll(async () => {
	server = await startTestServer();
	proxy = await startFaultProxy(server.url);
	admin = await server.admin();
	actors = await createActors(server.url, admin);
});
afterEach(() => {
	proxy.clear();
	proxy.requests.length = 0;
});
afterAll(async () => {
	await proxy?.close();
	await server?.stop();
});

const BATCH = { method: 'POST', path: '/api/batch' };
const device = () => newDevice('test-more');
/** The tab is killed: this instance is gone, a new one opens the same database. */
function reopen(db: AppDB): AppDB {
	db.close();
	return new AppDB(db.name);
}
/** Create fields of a customer (no id/version: the device assigns those). */
const customer = (owner: string, extra: Fields = {}) => {
	const rest = localFields(customerData(owner, extra));
	return rest;
};
const contact = (customerId: string, extra: Fields = {}) => {
	const rest = localFields(childData('contacts', customerId));
	return { ...rest, ...extra };
};
const row = (collection: string, id: string) => admin.collection(collection).getOne(id, { requestKey: null });
const changeLog = (id: string) => admin.collection('change_log').getFullList({ filter: `record = "${id}"`, sort: 'created,id', requestKey: null });
/** Conflicts rows of a record, oldest first; rows of one sync (same millisecond) by field, the order the merge writes them. */
const conflictRows = async (id: string) => {
	const rows = await admin.collection('conflicts').getFullList({ filter: `record = "${id}"`, sort: 'created,id', requestKey: null });
	const order = (f: string) => (f === 'deleted' ? '' : f); // the merge writes `deleted` first
	return rows.sort((a, b) => (a.created === b.created ? order(a.field).localeCompare(order(b.field)) : 0));
};
const receiptsOf = async (user: string) =>
	(await admin.collection('sync_ops').getList(1, 1, { filter: `user = "${user}"`, requestKey: null })).totalItems;

async function waitFor(check: () => boolean, what: string, ms = 3000): Promise<void> {
	const until = Date.now() + ms;
	while (!check()) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}
/** True once a batch request is held by the proxy's `delay` fault. */
const batchHeld = () => proxy.requests.some((r) => r.path === '/api/batch' && r.fault === 'delay' && r.outcome === 'pending');

/** Field values of a local record, without the device's bookkeeping. */
function localContent(record: LocalRecord | Fields): Fields {
	return Object.fromEntries(Object.entries(record).filter(([k]) => !k.startsWith('_')));
}

/** A created and synced customer of rep1 on a fresh device, through the proxy. */
async function syncedCustomer(extra: Fields = {}) {
	const db = device();
	const pb = await signIn('rep1');
	const id = await createLocal(db, 'customers', customer(actors.ids.rep1, { notes: '初次拜访', ...extra }));
	expect(await syncOnce(db, pb, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pending: 0 });
	return { db, pb, id };
}

describe('3. tab killed', () => {
	it('between the local write and the push: the outbox survives, the next tab sends it once', async () => {
		let db = device();
		const id = await createLocal(db, 'customers', customer(actors.ids.rep1, { name: '苏州工业园区精工机械有限公司' }));
		await updateLocal(db, 'customers', id, { notes: '关闭前最后一次修改' });
		db = reopen(db);
		expect(await db.outbox.toArray()).toMatchObject([{ kind: 'create', state: 'queued', attempts: 0, patch: { notes: '关闭前最后一次修改' } }]);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'pending', notes: '关闭前最后一次修改' });

		const rep = await signIn('rep1');
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
		expect(await admin.collection('customers').getFullList({ filter: `name = "苏州工业园区精工机械有限公司"` })).toHaveLength(1);
		const saved = await row('customers', id);
		expect(saved).toMatchObject({ version: 1, notes: '关闭前最后一次修改' });
		expect(await admin.collection('sync_ops').getFullList({ filter: `id = "${saved.last_op}"` })).toHaveLength(1);

		// An update written and then killed before its push: also sent once, version + 1.
		await updateLocal(db, 'customers', id, { grade: 'vip' });
		db = reopen(db);
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
		expect(await row('customers', id)).toMatchObject({ version: 2, grade: 'vip' });
		expect(await changeLog(id)).toMatchObject([{ field: 'grade', old: 'normal', new: 'vip' }]);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'synced', version: 2, grade: 'vip' });
	});

	it('between the push and the ack (reply lost): the new tab retries the same op id → receipt exists, no duplicate', async () => {
		let db = device();
		const rep = await signIn('rep1');
		const id = await createLocal(db, 'customers', customer(actors.ids.rep1, { name: '常州天宁纺织品有限公司' }));
		proxy.inject({ kind: 'drop_reply' }, BATCH);
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'offline', pending: 1 });
		const [inflight] = await db.outbox.toArray();
		expect(inflight).toMatchObject({ state: 'inflight', attempts: 1 });
		// The server committed: row and receipt exist, but the device never heard.
		expect(await row('customers', id)).toMatchObject({ version: 1, last_op: inflight!.opId });

		db = reopen(db);
		expect(await db.outbox.toArray()).toMatchObject([{ opId: inflight!.opId, state: 'inflight' }]);
		const receipts = await receiptsOf(actors.ids.rep1);
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
		expect(await receiptsOf(actors.ids.rep1)).toBe(receipts); // the retry added no receipt
		expect(await admin.collection('customers').getFullList({ filter: `name = "常州天宁纺织品有限公司"` })).toHaveLength(1);
		const saved = await row('customers', id);
		expect(saved.version).toBe(1);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'synced', version: 1, number: saved.number });

		// The same for an update: one change_log row, version 2.
		await updateLocal(db, 'customers', id, { notes: '回执已存在' });
		proxy.inject({ kind: 'drop_reply' }, BATCH);
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'offline', pending: 1 });
		db = reopen(db);
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
		expect(await row('customers', id)).toMatchObject({ version: 2, notes: '回执已存在' });
		expect(await changeLog(id)).toHaveLength(1);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'synced', version: 2 });
	});

	it('while the reply is on its way (the database closes under the push): the next tab finishes it once', async () => {
		let db = device();
		const rep = await signIn('rep1');
		const id = await createLocal(db, 'customers', customer(actors.ids.rep1));
		proxy.inject({ kind: 'delay', ms: 300 }, BATCH);
		const pushing = pushOne(db, rep);
		await waitFor(batchHeld, 'the push to be in flight');
		db = reopen(db); // the old tab dies while its request travels
		await expect(pushing).rejects.toThrow(); // it could not record the ack
		await waitFor(() => proxy.requests.some((r) => r.path === '/api/batch' && r.outcome === 200), 'the server to answer');

		expect(await db.outbox.toArray()).toMatchObject([{ state: 'inflight', kind: 'create' }]);
		expect(await syncOnce(db, rep, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
		const saved = await row('customers', id);
		expect(saved.version).toBe(1);
		expect(await admin.collection('sync_ops').getFullList({ filter: `id = "${saved.last_op}"` })).toHaveLength(1);
		expect(await db.customers.get(id)).toMatchObject({ _state: 'synced', number: saved.number });
	});
});

describe('4. N parallel updates from the same base version', () => {
	const WHO: Who[] = ['rep1', 'rep1', 'rep1', 'rep1', 'reviewer', 'reviewer'];

	async function sixDevices(id: string) {
		return Promise.all(
			WHO.map(async (who) => {
				const d = { who, userId: actors.ids[who], db: device(), pb: await signIn(who, true) };
				await pullCollection(d.db, d.pb, 'customers');
				expect(await d.db.customers.get(id)).toMatchObject({ version: 1 });
				return d;
			})
		);
	}

	it('same field: exactly one wins, the other five become conflicts rows — every typed value survives', async () => {
		const created = await actors.clients.rep1.collection('customers').create(customerData(actors.ids.rep1, { notes: '原始备注' }));
		const devices = await sixDevices(created.id);
		const typed = devices.map((_, i) => `设备${i + 1}的备注`);
		await Promise.all(devices.map((d, i) => updateLocal(d.db, 'customers', created.id, { notes: typed[i] })));

		const reports = await Promise.all(devices.map((d) => syncOnce(d.db, d.pb, d.userId)));
		for (const r of reports) expect(r).toMatchObject({ outcome: 'ok', pending: 0, rejected: 0 });
		expect(reports.reduce((n, r) => n + r.conflicts, 0)).toBe(5);

		const saved = await row('customers', created.id);
		expect(saved.version).toBe(2); // base + 1, no merged follow-ups (nothing else changed)
		const winner = typed.indexOf(saved.notes);
		expect(winner).toBeGreaterThanOrEqual(0);
		expect(await changeLog(created.id)).toMatchObject([{ field: 'notes', old: '原始备注', new: saved.notes }]);

		const conflicts = await conflictRows(created.id);
		expect(conflicts).toHaveLength(5);
		for (const c of conflicts) {
			expect(c).toMatchObject({ field: 'notes', base: '原始备注', theirs: saved.notes, theirs_version: 2, state: 'open', customer: created.id });
		}
		// Nothing silently lost: each typed value is on the server or in exactly one conflicts row.
		expect([saved.notes, ...conflicts.map((c) => c.mine)].sort()).toEqual([...typed].sort());
		for (const [i, d] of devices.entries()) {
			if (i === winner) continue;
			expect(conflicts.filter((c) => c.mine === typed[i] && c.mine_by === d.userId)).toHaveLength(1);
			expect(await d.db.customers.get(created.id)).toMatchObject({ notes: saved.notes, version: 2, _state: 'conflict' });
			expect(await d.db.outbox.count()).toBe(0);
		}
		expect(await devices[winner]!.db.customers.get(created.id)).toMatchObject({ notes: saved.notes, _state: 'synced' });
	});

	it('different fields: every update merges, version = base + 6, no conflicts rows', async () => {
		const created = await actors.clients.rep1.collection('customers').create(customerData(actors.ids.rep1));
		const devices = await sixDevices(created.id);
		const changes: Fields[] = [
			{ notes: '并发备注' },
			{ occupation: '物流' },
			{ referrer: '周经理' },
			{ short_name: '华信' },
			{ grade: 'vip' },
			{ scale: 'large' }
		];
		await Promise.all(devices.map((d, i) => updateLocal(d.db, 'customers', created.id, changes[i]!)));
		const reports = await Promise.all(devices.map((d) => syncOnce(d.db, d.pb, d.userId)));
		for (const r of reports) expect(r).toMatchObject({ outcome: 'ok', pending: 0, rejected: 0, conflicts: 0 });

		const saved = await row('customers', created.id);
		expect(saved).toMatchObject({ ...Object.assign({}, ...changes), version: 7 });
		expect((await changeLog(created.id)).map((c) => c.field).sort()).toEqual(changes.map((c) => Object.keys(c)[0]).sort());
		expect(await conflictRows(created.id)).toHaveLength(0);
	});
});

describe('5. two reps and the desk edit one record offline', () => {
	it('different fields merge; the same field keeps the first value and a conflicts row per loser', async () => {
		const phone1 = device();
		const phone2 = device();
		const desk = device();
		const [rep1, rep2, reviewer] = await Promise.all([signIn('rep1'), signIn('rep2'), signIn('reviewer')]);
		const id = await createLocal(phone1, 'customers', customer(actors.ids.rep1, { notes: '初次拜访', shared_with: [actors.ids.rep2] }));
		expect(await syncOnce(phone1, rep1, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1 });
		await pullCollection(phone2, rep2, 'customers');
		await pullCollection(desk, reviewer, 'customers');
		expect(await phone2.customers.get(id)).toMatchObject({ version: 1 });
		expect(await desk.customers.get(id)).toMatchObject({ version: 1 });

		// All three offline.
		await updateLocal(phone1, 'customers', id, { notes: '李明：下月招标', grade: 'vip' });
		await updateLocal(phone2, 'customers', id, { notes: '王芳：已寄样品', referrer: '周经理' });
		await updateLocal(desk, 'customers', id, { notes: '内勤：电话核实', short_name: '华信' });

		expect(await syncOnce(phone1, rep1, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, conflicts: 0 });
		expect(await syncOnce(phone2, rep2, actors.ids.rep2)).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });
		expect(await syncOnce(desk, reviewer, actors.ids.reviewer)).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });

		const saved = await row('customers', id);
		expect(saved).toMatchObject({ notes: '李明：下月招标', grade: 'vip', referrer: '周经理', short_name: '华信', version: 4 });
		expect((await changeLog(id)).map((c) => `${c.field} ${c.actor}`).sort()).toEqual(
			[`notes ${actors.ids.rep1}`, `grade ${actors.ids.rep1}`, `referrer ${actors.ids.rep2}`, `short_name ${actors.ids.reviewer}`].sort()
		);
		expect(await conflictRows(id)).toMatchObject([
			{ field: 'notes', base: '初次拜访', mine: '王芳：已寄样品', theirs: '李明：下月招标', mine_by: actors.ids.rep2, theirs_version: 2, customer: id },
			{ field: 'notes', base: '初次拜访', mine: '内勤：电话核实', theirs: '李明：下月招标', mine_by: actors.ids.reviewer, theirs_version: 3, customer: id }
		]);

		// Everyone converges on the server's record.
		for (const [db, pb, user] of [
			[phone1, rep1, actors.ids.rep1],
			[phone2, rep2, actors.ids.rep2],
			[desk, reviewer, actors.ids.reviewer]
		] as const) {
			expect(await syncOnce(db, pb, user)).toMatchObject({ outcome: 'ok', pending: 0 });
			expect(localContent((await db.customers.get(id))!)).toEqual(serverFields(await row('customers', id)));
		}
	});

	it('the rep types while a pull brings the desk\'s change of the same field → a conflicts row, not an overwrite', async () => {
		const { db, pb, id } = await syncedCustomer();
		await actors.clients.reviewer.collection('customers').update(id, { base_version: 1, notes: '内勤：客户已搬迁' });

		proxy.inject({ kind: 'delay', ms: 300 }, { method: 'GET', path: '/api/collections/customers/records' });
		const syncing = syncOnce(db, pb, actors.ids.rep1);
		await waitFor(() => proxy.requests.some((r) => r.path.startsWith('/api/collections/customers/records') && r.fault === 'delay'), 'the pull');
		await updateLocal(db, 'customers', id, { notes: '李明：客户要求报价' }); // typed during the pull
		expect(await syncing).toMatchObject({ outcome: 'ok' });

		expect(await syncOnce(db, pb, actors.ids.rep1)).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });
		expect(await row('customers', id)).toMatchObject({ notes: '内勤：客户已搬迁', version: 2 });
		expect(await conflictRows(id)).toMatchObject([
			{ field: 'notes', base: '初次拜访', mine: '李明：客户要求报价', theirs: '内勤：客户已搬迁', mine_by: actors.ids.rep1 }
		]);
	});
});

describe('6. edit vs delete, dashboard edits', () => {
	it('deleted first, then an edit arrives → the tombstone stands, each edit is a conflicts row', async () => {
		const { db: phone, pb: rep1, id } = await syncedCustomer();
		const desk = device();
		const reviewer = await signIn('reviewer');
		await pullCollection(desk, reviewer, 'customers');

		await deleteLocal(phone, 'customers', id);
		await updateLocal(desk, 'customers', id, { notes: '内勤：补充地址', grade: 'vip' });
		expect(await syncOnce(phone, rep1, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1 });
		expect(await syncOnce(desk, reviewer, actors.ids.reviewer)).toMatchObject({ outcome: 'ok', conflicts: 3, pending: 0 });

		expect(await row('customers', id)).toMatchObject({ deleted: true, version: 2, notes: '初次拜访', grade: 'normal' });
		expect(await changeLog(id)).toMatchObject([{ field: 'deleted', old: false, new: true, actor: actors.ids.rep1 }]);
		expect(await conflictRows(id)).toMatchObject([
			{ field: 'deleted', base: false, mine: false, theirs: true, mine_by: actors.ids.reviewer, theirs_version: 2 },
			{ field: 'grade', base: 'normal', mine: 'vip', theirs: 'normal' },
			{ field: 'notes', base: '初次拜访', mine: '内勤：补充地址', theirs: '初次拜访' }
		]);
		expect(await desk.customers.get(id)).toMatchObject({ deleted: true, version: 2, _state: 'conflict' });
		// The tombstone reaches the other device on its next pull.
		expect(await syncOnce(phone, rep1, actors.ids.rep1)).toMatchObject({ outcome: 'ok' });
		expect(await phone.customers.get(id)).toMatchObject({ deleted: true, version: 2, _state: 'synced' });
	});

	it('edited first, then a delete arrives → the record stays alive with the edit, the delete is a conflicts row', async () => {
		const { db: phone, pb: rep1, id } = await syncedCustomer();
		const desk = device();
		const reviewer = await signIn('reviewer');
		await pullCollection(desk, reviewer, 'customers');

		await updateLocal(desk, 'customers', id, { notes: '内勤：客户续约' });
		await deleteLocal(phone, 'customers', id);
		expect(await syncOnce(desk, reviewer, actors.ids.reviewer)).toMatchObject({ outcome: 'ok', pushed: 1 });
		expect(await syncOnce(phone, rep1, actors.ids.rep1)).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });

		expect(await row('customers', id)).toMatchObject({ deleted: false, version: 2, notes: '内勤：客户续约' });
		expect(await conflictRows(id)).toMatchObject([
			{ field: 'deleted', base: false, mine: true, theirs: false, mine_by: actors.ids.rep1, theirs_version: 2 }
		]);
		expect(await phone.customers.get(id)).toMatchObject({ deleted: false, notes: '内勤：客户续约', _state: 'conflict' });
	});

	it('a dashboard edit while the push is in flight: the push becomes a conflict, versions stay honest', async () => {
		const { db, pb, id } = await syncedCustomer();
		await updateLocal(db, 'customers', id, { notes: '李明：样品已收到', grade: 'vip' });
		proxy.inject({ kind: 'delay', ms: 300 }, BATCH);
		const syncing = syncOnce(db, pb, actors.ids.rep1);
		await waitFor(batchHeld, 'the push to be in flight');
		await admin.collection('customers').update(id, { notes: '管理员：后台修正' }); // no base_version

		expect(await syncing).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });
		expect(await row('customers', id)).toMatchObject({ notes: '管理员：后台修正', grade: 'vip', version: 3 });
		expect(await changeLog(id)).toMatchObject([
			{ field: 'notes', new: '管理员：后台修正', actor: '', actor_label: `superuser ${TEST_ADMIN.email}` },
			{ field: 'grade', new: 'vip', actor: actors.ids.rep1 }
		]);
		expect(await conflictRows(id)).toMatchObject([
			{ field: 'notes', base: '初次拜访', mine: '李明：样品已收到', theirs: '管理员：后台修正', theirs_version: 2 }
		]);
		expect(await db.customers.get(id)).toMatchObject({ notes: '管理员：后台修正', grade: 'vip', version: 3 });
	});

	it('a dashboard edit while the push is in flight and the rep keeps typing: the later edit is merged, not forced over it', async () => {
		const { db, pb, id } = await syncedCustomer();
		await updateLocal(db, 'customers', id, { grade: 'vip' });
		proxy.inject({ kind: 'delay', ms: 300 }, BATCH);
		const syncing = syncOnce(db, pb, actors.ids.rep1);
		await waitFor(batchHeld, 'the push to be in flight');
		await admin.collection('customers').update(id, { notes: '管理员：后台修正' });
		await updateLocal(db, 'customers', id, { notes: '李明：又补了一句' }); // queued behind the in-flight op

		expect(await syncing).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });
		expect(await row('customers', id)).toMatchObject({ notes: '管理员：后台修正', grade: 'vip', version: 3 });
		expect(await conflictRows(id)).toMatchObject([
			{ field: 'notes', base: '初次拜访', mine: '李明：又补了一句', theirs: '管理员：后台修正', theirs_version: 2 }
		]);
	});

	it('a dashboard edit after the push landed but its reply was lost: acked once, the dashboard value stands', async () => {
		const { db, pb, id } = await syncedCustomer();
		await updateLocal(db, 'customers', id, { notes: '李明：第一次' });
		proxy.inject({ kind: 'drop_reply' }, BATCH);
		expect(await syncOnce(db, pb, actors.ids.rep1)).toMatchObject({ outcome: 'offline', pending: 1 });
		await admin.collection('customers').update(id, { notes: '管理员：在此之后修改' });

		expect(await syncOnce(db, pb, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, conflicts: 0, pending: 0 });
		expect(await row('customers', id)).toMatchObject({ notes: '管理员：在此之后修改', version: 3 });
		expect((await changeLog(id)).map((c) => [c.old, c.new])).toEqual([
			['初次拜访', '李明：第一次'],
			['李明：第一次', '管理员：在此之后修改']
		]);
		expect(await db.customers.get(id)).toMatchObject({ notes: '管理员：在此之后修改', version: 3, _state: 'synced' });
	});

	it('reply lost, a dashboard edit, and a further local edit of the same field → a conflicts row, not an overwrite', async () => {
		const { db, pb, id } = await syncedCustomer();
		await updateLocal(db, 'customers', id, { notes: '李明：第一次' });
		proxy.inject({ kind: 'drop_reply' }, BATCH);
		expect(await syncOnce(db, pb, actors.ids.rep1)).toMatchObject({ outcome: 'offline', pending: 1 });
		await updateLocal(db, 'customers', id, { notes: '李明：第二次' }); // a new op: the first is in flight
		await admin.collection('customers').update(id, { notes: '管理员：在此之后修改' });

		expect(await syncOnce(db, pb, actors.ids.rep1)).toMatchObject({ outcome: 'ok', conflicts: 1, pending: 0 });
		expect(await row('customers', id)).toMatchObject({ notes: '管理员：在此之后修改', version: 3 });
		expect(await conflictRows(id)).toMatchObject([
			{ field: 'notes', base: '李明：第一次', mine: '李明：第二次', theirs: '管理员：在此之后修改', theirs_version: 3 }
		]);
	});
});

describe('11. two users on one device', () => {
	/** Whether every customer in `db` that came from the server is one the server shows to `who`. */
	async function onlyVisible(db: AppDB, who: Who): Promise<boolean> {
		const pb = await signIn(who, true);
		const visible = new Set((await pb.collection('customers').getFullList({ fields: 'id', requestKey: null })).map((r) => r.id));
		return (await db.customers.toArray()).every((r) => r._base === null || visible.has(r.id));
	}

	it('each user has their own database; an outbox is only ever pushed with its own user\'s session', async () => {
		const phone = await clientFor(proxy.url); // the app's one client
		const rep2Session = await signIn('rep2', true);
		const db1 = openUserDb(actors.ids.rep1);
		const db2 = openUserDb(actors.ids.rep2);
		try {
			await phone.collection('users').authWithPassword(login('rep1').email, login('rep1').password);
			const a = await createLocal(db1, 'customers', customer(actors.ids.rep1, { name: '嘉兴南湖电子有限公司' }));

			// rep2 takes the phone.
			phone.authStore.clear();
			await phone.collection('users').authWithPassword(login('rep2').email, login('rep2').password);
			proxy.requests.length = 0;
			// A mis-wired sync of rep1's outbox with rep2's session does nothing.
			expect(await syncOnce(db1, phone, actors.ids.rep1)).toMatchObject({ outcome: 'auth', pushed: 0, pending: 1 });
			expect(proxy.requests.filter((r) => r.path === '/api/batch')).toHaveLength(0);
			expect(await db1.outbox.toArray()).toMatchObject([{ recordId: a, state: 'queued' }]);

			const b = await createLocal(db2, 'customers', customer(actors.ids.rep2, { name: '绍兴柯桥布业有限公司' }));
			expect(await syncOnce(db2, phone, actors.ids.rep2)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
			expect(proxy.requests.filter((r) => r.path === '/api/batch')).toHaveLength(1);
			await expect(row('customers', a)).rejects.toMatchObject({ status: 404 });
			expect(await db1.outbox.toArray()).toMatchObject([{ recordId: a, state: 'queued', attempts: 0 }]);
			expect(await db2.customers.get(a)).toBeUndefined();

			// rep2 is mid-sync with two ops when rep1 takes the phone back.
			const b2 = await createLocal(db2, 'customers', customer(actors.ids.rep2, { name: '湖州吴兴茶叶有限公司' }));
			const b3 = await createLocal(db2, 'customers', customer(actors.ids.rep2, { name: '台州黄岩模具有限公司' }));
			proxy.inject({ kind: 'delay', ms: 300 }, BATCH);
			const syncing = syncOnce(db2, phone, actors.ids.rep2);
			await waitFor(batchHeld, 'rep2\'s push to be in flight');
			const rep1Session = await signIn('rep1', true);
			phone.authStore.save(rep1Session.authStore.token, rep1Session.authStore.record);
			expect(await syncing).toMatchObject({ outcome: 'auth', pushed: 1, rejected: 0, pending: 1 });
			expect(await row('customers', b2)).toMatchObject({ owner: actors.ids.rep2 }); // sent before the switch
			expect(await db2.outbox.toArray()).toMatchObject([{ recordId: b3 }]);
			expect((await db2.outbox.toArray())[0]!.state).not.toBe('rejected');
			expect(await onlyVisible(db2, 'rep2')).toBe(true); // nothing pulled with rep1's session

			// rep1 syncs their own outbox only.
			expect(await syncOnce(db1, phone, actors.ids.rep1)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
			const savedA = await row('customers', a);
			expect(savedA).toMatchObject({ owner: actors.ids.rep1, version: 1 });
			expect(await row('sync_ops', savedA.last_op)).toMatchObject({ user: actors.ids.rep1 });
			expect(await row('sync_ops', (await row('customers', b)).last_op)).toMatchObject({ user: actors.ids.rep2 });
			expect(await db1.customers.get(b)).toBeUndefined();
			expect(await onlyVisible(db1, 'rep1')).toBe(true);
			expect(await db2.outbox.count()).toBe(1); // rep2's op waits for rep2

			// And rep2 again.
			phone.authStore.save(rep2Session.authStore.token, rep2Session.authStore.record);
			expect(await syncOnce(db2, phone, actors.ids.rep2)).toMatchObject({ outcome: 'ok', pushed: 1, pending: 0 });
			expect(await row('customers', b3)).toMatchObject({ owner: actors.ids.rep2, version: 1 });
		} finally {
			await db1.delete();
			await db2.delete();
		}
	});
});

// ─── 15. Randomised chaos ──────────────────────────────────────────────────

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with CHAOS_SEED. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('15. randomised chaos', () => {
	it('regression found by the chaos run: an edit coalesced while the pusher picks up the entry still goes out', async () => {
		const db = device();
		const rep = await signIn('rep1');
		const id = await createLocal(db, 'customers', customer(actors.ids.rep1, { notes: '新建' }));
		// The user's edit lands exactly between the pusher reading the entry and
		// freezing it (freeze is the push's first transaction).
		type Transaction = (...args: unknown[]) => Promise<unknown>;
		const transaction = db.transaction.bind(db) as unknown as Transaction;
		let armed = true;
		(db as unknown as { transaction: Transaction }).transaction = (...args) => {
			if (!armed) return transaction(...args);
			armed = false;
			return updateLocal(db, 'customers', id, { notes: '发送前一刻补充' }).then(() => transaction(...args));
		};
		expect(await pushOne(db, rep)).toMatchObject({ kind: 'acked' });
		expect(armed).toBe(false);
		expect(await db.outbox.count()).toBe(0);
		expect(await row('customers', id)).toMatchObject({ notes: '发送前一刻补充', version: 1 });
		expect(await db.customers.get(id)).toMatchObject({ notes: '发送前一刻补充', _state: 'synced' });
	});

	it('three clients, random edits through a faulty network: every op acked, conflict or rejected; all converge', { timeout: 30_000 }, async () => {
		const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
		console.log(`[chaos] seed ${seed} (replay: CHAOS_SEED=${seed})`);
		const rand = prng(seed);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
		const chance = (p: number) => rand() < p;
		const started = Date.now();

		let faultsOn = true;
		let faultCount = 0;
		let batchCount = 0;
		const FAULTS: Fault[] = [{ kind: 'drop_reply' }, { kind: 'status', status: 503 }, { kind: 'reset' }];
		const names: Who[] = ['rep1', 'rep2', 'reviewer'];
		const clients = await Promise.all(
			names.map(async (who) => {
				const pb = await signIn(who);
				// ~20% of batches (and a few pulls) hit a network fault: queued just before the request leaves.
				pb.beforeSend = (url, options) => {
					if (faultsOn && url.endsWith('/api/batch')) {
						batchCount++;
						if (chance(0.2)) {
							faultCount++;
							proxy.inject(pick(FAULTS), BATCH);
						}
					} else if (faultsOn && url.includes('/records') && options.method === 'GET' && chance(0.03)) {
						proxy.inject({ kind: 'reset' }, { method: 'GET', path: new URL(url).pathname });
					}
					return { url, options };
				};
				return { who, userId: actors.ids[who], pb, direct: await signIn(who, true), db: device() };
			})
		);
		type Client = (typeof clients)[number];
		const byWho = Object.fromEntries(clients.map((c) => [c.who, c])) as Record<Who, Client>;
		const receiptsBefore = (await Promise.all(clients.map((c) => receiptsOf(c.userId)))).reduce((a, b) => a + b, 0);

		const reports: SyncReport[] = [];
		const errors: unknown[] = [];
		/** Each client's current sync: one at a time per client (the Web Lock), others and local edits go on meanwhile. */
		const running = new Map<Who, Promise<SyncReport | undefined>>();
		const sync = (c: Client): Promise<SyncReport | undefined> => {
			const next = (running.get(c.who) ?? Promise.resolve(undefined)).then(async () => {
				const r = await syncOnce(c.db, c.pb, c.userId);
				reports.push(r);
				log.push(`${c.who} sync → ${r.outcome} pushed=${r.pushed} conflicts=${r.conflicts} rejected=${r.rejected}`);
				return r;
			});
			const settledNext = next.catch((err: unknown) => {
				errors.push(err);
				return undefined;
			});
			running.set(c.who, settledNext);
			return settledNext;
		};
		const log: string[] = [];
		/** The last text value each client typed into each record field: it must end on the server or in a conflicts row. */
		const typed = new Map<string, { who: Who; collection: SyncedCollection; record: string; field: string; value: string }>();
		let n = 0;
		const text = (label: string) => `${label}${++n}号`;
		const type = (c: Client, collection: SyncedCollection, record: string, field: string, value: unknown) => {
			if (typeof value === 'string' && !SERVER_OWNED_FIELDS.includes(field)) typed.set(`${c.who}|${record}|${field}`, { who: c.who, collection, record, field, value });
		};
		const live = async (c: Client, collection: SyncedCollection) =>
			(await c.db.records(collection).toArray()).filter((r) => r.deleted !== true && r._state !== 'rejected');

		const customerFields = (c: Client): [string, () => unknown][] => [
			['notes', () => text('备注')],
			['occupation', () => text('行业')],
			['referrer', () => text('介绍人')],
			['grade', () => pick(['vip', 'normal', 'potential'])],
			['scale', () => pick(['micro', 'small', 'medium', 'large'])],
			['status', () => pick(['potential', 'intent', 'won', 'lost'])],
			['review_state', () => (c.who === 'reviewer' ? pick(['submitted', 'approved']) : 'submitted')]
		];
		const contactFields: [string, () => unknown][] = [
			['title', () => text('职位')],
			['wechat', () => text('wx')],
			['personal_notes', () => text('笔记')],
			['role', () => pick(['decision_maker', 'liaison', 'finance', 'technical', 'other'])],
			['is_emergency', () => chance(0.5)]
		];

		for (let step = 0; step < 60; step++) {
			const c = pick(clients);
			const roll = rand();
			if (roll < 0.14) {
				const owner = c.who === 'reviewer' ? pick(['rep1', 'rep2'] as const) : c.who;
				const other = owner === 'rep1' ? 'rep2' : 'rep1';
				const shared = owner === 'rep1' || chance(0.7) ? [actors.ids[other]] : [];
				const notes = text('新建');
				const id = await createLocal(c.db, 'customers', customer(actors.ids[owner], { name: text('客户'), notes, shared_with: shared }));
				type(c, 'customers', id, 'notes', notes);
				log.push(`${c.who} create customer ${id} owner=${owner} shared=${shared.length > 0}`);
			} else if (roll < 0.26) {
				const parents = await live(c, 'customers');
				if (!parents.length) continue;
				const parent = pick(parents);
				const title = text('职位');
				const id = await createLocal(c.db, 'contacts', contact(parent.id, { name: text('联系人'), title }));
				type(c, 'contacts', id, 'title', title);
				log.push(`${c.who} create contact ${id} of ${parent.id}`);
			} else if (roll < 0.7) {
				const collection = chance(0.6) ? 'customers' : 'contacts';
				const records = await live(c, collection);
				if (!records.length) continue;
				const record = pick(records);
				const fields = collection === 'customers' ? customerFields(c) : contactFields;
				const changes: Fields = {};
				for (let k = 0, m = 1 + Math.floor(rand() * 2); k < m; k++) {
					const [field, value] = pick(fields);
					changes[field] = value();
				}
				await updateLocal(c.db, collection, record.id, changes);
				for (const [field, value] of Object.entries(changes)) type(c, collection, record.id, field, value);
				log.push(`${c.who} update ${collection} ${record.id} ${JSON.stringify(changes)}`);
			} else if (roll < 0.78) {
				if (c.who === 'reviewer') continue; // the desk never deletes
				const own = (await live(c, 'customers')).filter((r) => r.owner === c.userId);
				const contacts = await live(c, 'contacts');
				const [collection, records] = chance(0.5) ? (['customers', own] as const) : (['contacts', contacts] as const);
				if (!records.length) continue;
				const record = pick(records);
				await deleteLocal(c.db, collection, record.id);
				log.push(`${c.who} delete ${collection} ${record.id}`);
			} else if (roll < 0.95) {
				// Half the syncs run in the background while the users keep typing.
				log.push(`${c.who} sync starts`);
				if (chance(0.5)) await sync(c);
				else void sync(c);
			} else {
				log.push('all sync start');
				await Promise.all(clients.map(sync));
			}
		}
		await Promise.all(running.values());
		expect(errors, log.join('\n')).toEqual([]);

		// Calm network: sync until every outbox is settled and a whole round moved nothing.
		faultsOn = false;
		proxy.clear();
		let settled = false;
		for (let round = 0; round < 12 && !settled; round++) {
			const rs = [];
			for (const c of clients) rs.push(await sync(c));
			expect(errors, log.join('\n')).toEqual([]);
			const open = await Promise.all(clients.map((c) => c.db.outbox.filter((e) => e.state !== 'rejected').count()));
			settled = rs.every((r) => r?.outcome === 'ok' && r.pushed === 0 && r.conflicts === 0) && open.every((x) => x === 0);
		}
		const sum = (k: 'pushed' | 'conflicts' | 'rejected') => reports.reduce((n, r) => n + r[k], 0);
		console.log(
			`[chaos] seed ${seed}: ${batchCount} batches, ${faultCount} faults, ${reports.length} syncs, ` +
				`${sum('pushed')} acked, ${sum('conflicts')} conflicts rows, ${sum('rejected')} rejected, ${Date.now() - started} ms`
		);
		expect(settled, log.join('\n')).toBe(true);

		// 1. Every outbox is empty, or holds only rejected entries with a reason.
		const rejectedIds = new Map<Who, Set<string>>();
		for (const c of clients) {
			const entries = await c.db.outbox.toArray();
			for (const e of entries) {
				expect(e, `${c.who} ${JSON.stringify(e)}`).toMatchObject({ state: 'rejected', lastError: expect.stringMatching(/\S/) });
			}
			if (entries.length) console.log(`[chaos] ${c.who} rejected:`, entries.map((e) => `${e.collection}/${e.recordId}: ${e.lastError}`));
			rejectedIds.set(c.who, new Set(entries.map((e) => e.recordId)));
		}

		// 2. Every client's records equal what the server lets it see.
		for (const c of clients) {
			for (const collection of ['customers', 'contacts', 'conflicts'] as const) {
				const skip = rejectedIds.get(c.who)!;
				const server = new Map(
					(await c.direct.collection(collection).getFullList({ requestKey: null })).map((r) => [r.id, serverFields(r)])
				);
				const local = new Map((await c.db.records(collection).toArray()).map((r) => [r.id, r]));
				for (const [id, record] of local) {
					if (skip.has(id)) continue;
					expect(server.has(id), `${c.who} has ${collection}/${id} that the server does not show it`).toBe(true);
					expect(localContent(record), `${c.who} ${collection}/${id}`).toEqual(server.get(id));
				}
				for (const id of server.keys()) {
					if (!skip.has(id)) expect(local.has(id), `${c.who} misses ${collection}/${id}`).toBe(true);
				}
			}
		}

		// 3. No duplicates: ids are unique by construction, numbers must be too.
		const customers = await admin.collection('customers').getFullList({ requestKey: null });
		const numbers = customers.map((r) => r.number as string);
		expect(numbers.every((x) => /^CUS\d{9,}$/.test(x))).toBe(true);
		expect(new Set(numbers).size).toBe(numbers.length);

		// 4. One receipt per acknowledged op, none for anything else.
		const acked = reports.reduce((sum, r) => sum + r.pushed, 0);
		const receiptsAfter = (await Promise.all(clients.map((c) => receiptsOf(c.userId)))).reduce((a, b) => a + b, 0);
		expect(receiptsAfter - receiptsBefore).toBe(acked);

		// 5. Nothing silently lost: the last value each client typed into a field is on the server
		//    (now or in the change log), in a conflicts row, or in that client's rejected list.
		//    Reviewer-owned fields (status, review_state) are decided by the server by design.
		const conflicts = await admin.collection('conflicts').getFullList({ requestKey: null });
		const logRows = await admin.collection('change_log').getFullList({ filter: `created >= "${new Date(started - 1000).toISOString().replace('T', ' ')}"`, requestKey: null });
		for (const t of typed.values()) {
			const c = byWho[t.who];
			const rejected = JSON.stringify((await c.db.outbox.toArray()).map((e) => e.patch));
			const current = await admin.collection(t.collection).getOne(t.record, { requestKey: null }).catch(() => null);
			const found =
				current?.[t.field] === t.value ||
				logRows.some((l) => l.record === t.record && l.field === t.field && (l.old === t.value || l.new === t.value)) ||
				conflicts.some((x) => x.record === t.record && x.field === t.field && x.mine === t.value) ||
				rejected.includes(JSON.stringify(t.value));
			expect(found, `lost: ${JSON.stringify(t)}\n${log.join('\n')}`).toBe(true);
		}
	});
});
