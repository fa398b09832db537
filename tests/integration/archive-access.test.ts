// The access matrix of SPEC §4.5: every principal × every collection ×
// list / view / create / update / delete, asserted cell by cell against a real
// server, with effects checked (rows created, rows unchanged).
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childData, customerData, newId, storedVersion, type Data } from '../factories/archive';
import { startTestServer, type TestServer } from '../helpers/server';
import { createActors, PRINCIPALS, type Actors, type Principal } from '../helpers/users';

type Op = 'list' | 'view' | 'create' | 'update' | 'delete';
const OPS: Op[] = ['list', 'view', 'create', 'update', 'delete'];
const CHILDREN = ['contacts', 'interactions', 'transactions', 'payments', 'demands', 'surveys', 'risk_flags', 'attachments'];
const COLLECTIONS = ['customers', ...CHILDREN, 'conflicts', 'change_log', 'reveal_log', 'sync_ops'];

/** Who may do what: the letters of `ops` are l v c u d. Hard delete is superuser-only everywhere. */
const MATRIX: Record<string, Record<Principal, string>> = {
	customers: { guest: '', rep1: 'lvcu', rep2: 'c', reviewer: 'lvcu', manager: 'lv', admin: 'lvcu' },
	...Object.fromEntries(
		CHILDREN.map((c) => [c, { guest: '', rep1: 'lvcu', rep2: '', reviewer: 'lvcu', manager: 'lv', admin: 'lvcu' }])
	),
	conflicts: { guest: '', rep1: 'lvc', rep2: '', reviewer: 'lvcu', manager: 'lv', admin: 'lvcu' },
	change_log: { guest: '', rep1: 'lv', rep2: '', reviewer: 'lv', manager: 'lv', admin: 'lv' },
	reveal_log: { guest: '', rep1: 'lvc', rep2: '', reviewer: 'c', manager: 'lvc', admin: 'lvc' },
	sync_ops: { guest: '', rep1: 'lvc', rep2: 'c', reviewer: 'c', manager: '', admin: 'c' }
};

/** A harmless edit per collection. */
const EDIT: Record<string, Data> = {
	customers: { notes: '复核：地址已电话确认' },
	contacts: { title: '采购总监' },
	interactions: { feedback: '客户认可方案' },
	transactions: { special_terms: '包装必须用黄色胶带' },
	payments: { notes: '已催款' },
	demands: { result: '已更换温控模块' },
	surveys: { suggestions: '希望每周报送温度记录' },
	risk_flags: { outcome: '已约定分期付款' },
	attachments: { ocr_text: '华信物流 张伟' },
	conflicts: { state: 'resolved', resolution: 'theirs' },
	change_log: { reason: '改' },
	reveal_log: { reason: '改' },
	sync_ops: {}
};

let server: TestServer;
let admin: PocketBase;
let actors: Actors;
/** One existing record per collection, belonging to rep1's customer. */
const fixture: Record<string, string> = {};
let fixtureCustomer: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await server.admin();
	actors = await createActors(server.url, admin);
	const c = await admin.collection('customers').create(customerData(actors.ids.rep1));
	fixtureCustomer = fixture.customers = c.id;
	for (const name of CHILDREN) {
		const row = await admin.collection(name).create(childData(name, c.id, { transaction: fixture.transactions }));
		fixture[name] = row.id;
	}
	fixture.conflicts = (await admin.collection('conflicts').create(conflictData(actors.ids.rep1))).id;
	// An update by rep1 writes the change_log row the matrix reads.
	await actors.clients.rep1.collection('customers').update(c.id, { base_version: 1, notes: '初次拜访' });
	fixture.change_log = (await admin.collection('change_log').getFirstListItem(`record = "${c.id}"`)).id;
	fixture.reveal_log = (await admin.collection('reveal_log').create(revealData(actors.ids.rep1))).id;
	fixture.sync_ops = (await actors.clients.rep1.collection('sync_ops').create({ id: newId() })).id;
});
afterAll(async () => {
	await server?.stop();
});

function conflictData(by: string): Data {
	return {
		id: newId(),
		customer: fixtureCustomer,
		collection: 'customers',
		record: fixtureCustomer,
		field: 'address',
		base: '上海市浦东新区张江路 88 号',
		mine: '上海市浦东新区张江路 99 号',
		theirs: '上海市闵行区莘庄路 1 号',
		mine_by: by,
		state: 'open',
		version: 1
	};
}

function revealData(by: string): Data {
	return { collection: 'contacts', record: fixture.contacts, field: 'mobile', reason: '核对联系方式', actor: by };
}

function createBody(collection: string, who: Principal): Data {
	const self = who === 'guest' ? '' : actors.ids[who];
	switch (collection) {
		case 'customers':
			return customerData(who === 'rep2' ? self : actors.ids.rep1, { name: `测试客户${newId()}` });
		case 'conflicts':
			return conflictData(self);
		case 'change_log':
			return { collection: 'customers', record: fixtureCustomer, field: 'name' };
		case 'reveal_log':
			return revealData(self);
		case 'sync_ops':
			return { id: newId() };
		default:
			return childData(collection, fixtureCustomer, { transaction: fixture.transactions });
	}
}

/** Runs one cell; returns whether the server allowed it, after checking its effect. */
async function attempt(collection: string, who: Principal, op: Op): Promise<boolean> {
	const pb = actors.clients[who];
	const id = fixture[collection]!;
	switch (op) {
		case 'list': {
			const page = await pb.collection(collection).getList(1, 200, { filter: `id = "${id}"` });
			return page.items.length === 1;
		}
		case 'view':
			return pb.collection(collection).getOne(id).then(
				() => true,
				(err) => (expect(err.status).toBe(404), false)
			);
		case 'create': {
			const body = createBody(collection, who);
			const created = await pb.collection(collection).create(body).then(
				(r) => r.id as string,
				(err) => (expect([400, 403]).toContain(err.status), null)
			);
			if (created) expect((await admin.collection(collection).getOne(created)).id).toBe(created);
			return created !== null;
		}
		case 'update': {
			const before = await admin.collection(collection).getOne(id);
			const body: Data = { ...EDIT[collection] };
			if ('version' in before) Object.assign(body, { base_version: before.version, version: before.version + 1 });
			const ok = await pb.collection(collection).update(id, body).then(
				() => true,
				(err) => (expect([403, 404]).toContain(err.status), false)
			);
			const after = await admin.collection(collection).getOne(id);
			if (ok && 'version' in before) expect(after.version).toBe(before.version + 1);
			if (!ok) expect(after).toEqual(before);
			return ok;
		}
		case 'delete':
			return pb.collection(collection).delete(id).then(
				() => true,
				(err) => (expect([403, 404]).toContain(err.status), false)
			);
	}
}

const cells = COLLECTIONS.flatMap((collection) =>
	PRINCIPALS.flatMap((who) =>
		OPS.map((op) => ({ collection, who, op, allowed: MATRIX[collection]![who].includes(op[0]!) }))
	)
);

describe('access matrix', () => {
	it('covers every collection, principal and operation', () => {
		expect(cells).toHaveLength(13 * 6 * 5);
	});

	it.each(cells)('$collection · $who · $op → allowed: $allowed', async ({ collection, who, op, allowed }) => {
		expect(await attempt(collection, who, op)).toBe(allowed);
	});
});

it('the fixture records survive (only superusers hard-delete)', async () => {
	for (const name of COLLECTIONS) {
		await expect(storedVersion(admin, name, fixture[name]!).catch(() => 'gone')).resolves.not.toBe('gone');
	}
});
