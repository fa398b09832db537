// The server guarantees of the archive: numbering, the versioned write
// protocol (also inside /api/batch), receipts, change_log with reasons,
// forbidden data and review rules — against a real server.
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findForbiddenData } from '../../src/lib/domain';
import { childData, customerData, newId, storedVersion } from '../factories/archive';
import { startTestServer, type TestServer } from '../helpers/server';
import { createActors, type Actors } from '../helpers/users';

let server: TestServer;
let admin: PocketBase;
let actors: Actors;
let rep: PocketBase;

beforeAll(async () => {
	server = await startTestServer();
	admin = await server.admin();
	actors = await createActors(server.url, admin);
	rep = actors.clients.rep1;
});
afterAll(async () => {
	await server?.stop();
});

const newCustomer = (extra = {}) => rep.collection('customers').create(customerData(actors.ids.rep1, extra));
const chinaMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).replace('-', '');

describe('numbers', () => {
	it('are assigned on first create, whatever the client sent', async () => {
		const c = await newCustomer({ number: 'CUS999999999' });
		expect(c.number).toMatch(new RegExp(`^CUS${chinaMonth()}\\d{3,}$`));
		expect(c.version).toBe(1);
		const i = await rep.collection('interactions').create(childData('interactions', c.id));
		expect(i.number).toMatch(/^FOL\d{9,}$/);
		const d = await rep.collection('demands').create(childData('demands', c.id));
		expect(d.number).toMatch(/^DEM\d{9,}$/);
		const s = await rep.collection('surveys').create(childData('surveys', c.id));
		expect(s.number).toMatch(/^SAT\d{9,}$/);
	});

	it('stay distinct under 50 concurrent creates', async () => {
		const created = await Promise.all(Array.from({ length: 50 }, () => newCustomer()));
		const numbers = new Set(created.map((c) => c.number));
		expect(numbers.size).toBe(50);
	});

	it('cannot be changed by a client', async () => {
		const c = await newCustomer();
		const after = await rep.collection('customers').update(c.id, { base_version: 1, number: 'CUS000000001' });
		expect(after.number).toBe(c.number);
	});
});

describe('seq (the pull checkpoint)', () => {
	it('is the server\'s: every create and update takes the next number, whatever the client sent', async () => {
		const a = await newCustomer({ seq: 999_999 });
		const c = await newCustomer();
		expect(a.seq).toBeLessThan(999_999);
		expect(c.seq).toBe(a.seq + 1);
		const edited = await rep.collection('customers').update(a.id, { base_version: 1, notes: '改过', seq: 1 });
		expect(edited.seq).toBe(c.seq + 1);

		// Refused writes take no number.
		await expect(rep.collection('customers').update(a.id, { base_version: 1, notes: '过期的修改' })).rejects.toMatchObject({ status: 409 });
		await expect(newCustomer({ credit_code: '91440300708461136X' })).rejects.toMatchObject({ status: 400 });
		expect((await newCustomer()).seq).toBe(edited.seq + 1);
	});

	it('runs across collections and through batches, one number per write, no gaps or repeats', async () => {
		const first = await newCustomer();
		const batch = rep.createBatch();
		const ids = Array.from({ length: 5 }, () => newId());
		for (const id of ids) batch.collection('contacts').create({ ...childData('contacts', first.id), id });
		await batch.send();
		const contacts = await admin.collection('contacts').getFullList({ filter: ids.map((id) => `id = "${id}"`).join(' || ') });
		expect(contacts.map((r) => r.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5].map((n) => first.seq + n));
	});
});

describe('write protocol', () => {
	it('refuses a create that does not start at version 1', async () => {
		await expect(newCustomer({ version: 3 })).rejects.toMatchObject({
			status: 400,
			response: { data: { version: { code: 'invalid_version' } } }
		});
	});

	it('advances the version and refuses a stale base_version with 409', async () => {
		const c = await newCustomer();
		const v2 = await rep.collection('customers').update(c.id, { base_version: 1, version: 2, notes: '第一次修改' });
		expect(v2).toMatchObject({ version: 2, base_version: 1 });
		await expect(rep.collection('customers').update(c.id, { base_version: 1, version: 2, notes: '过期的修改' })).rejects.toMatchObject({
			status: 409,
			response: { data: { base_version: { code: 'version_conflict' } } }
		});
		expect((await admin.collection('customers').getOne(c.id)).notes).toBe('第一次修改');
	});

	it('requires base_version from clients but not from the dashboard', async () => {
		const c = await newCustomer();
		await expect(rep.collection('customers').update(c.id, { notes: '没有版本号' })).rejects.toMatchObject({
			status: 400,
			response: { data: { base_version: { code: 'base_version_required' } } }
		});
		const edited = await admin.collection('customers').update(c.id, { notes: '后台修改' });
		expect(edited.version).toBe(2);
		const log = await admin.collection('change_log').getFullList({ filter: `record = "${c.id}"` });
		expect(log).toMatchObject([{ field: 'notes', new: '后台修改', actor: '', actor_label: `superuser ${'admin@test.kedang'}` }]);
	});

	it('lets exactly one of 8 parallel updates with the same base win', async () => {
		const c = await newCustomer();
		const results = await Promise.allSettled(
			Array.from({ length: 8 }, (_, n) =>
				rep.collection('customers').update(c.id, { base_version: 1, version: 2, notes: `并发修改 ${n}` })
			)
		);
		const won = results.filter((r) => r.status === 'fulfilled');
		expect(won).toHaveLength(1);
		for (const r of results) if (r.status === 'rejected') expect(r.reason.status).toBe(409);
		expect(await storedVersion(admin, 'customers', c.id)).toBe(2);
	});

	it('checks the base inside /api/batch and refuses a replayed batch on its receipt', async () => {
		const c = await newCustomer();
		const op = newId();
		const send = () => {
			const batch = rep.createBatch();
			batch.collection('sync_ops').create({ id: op });
			batch.collection('customers').update(c.id, { base_version: 1, version: 2, notes: '批量修改', last_op: op });
			return batch.send();
		};
		const first = await send();
		expect(first.map((r) => r.status)).toEqual([200, 200]);
		await expect(send()).rejects.toMatchObject({ status: 400 });
		const stored = await admin.collection('customers').getOne(c.id);
		expect(stored).toMatchObject({ version: 2, last_op: op, notes: '批量修改' });
		const receipt = await admin.collection('sync_ops').getOne(op);
		expect(receipt.user).toBe(actors.ids.rep1);

		// A fresh receipt with a stale base fails as a whole: no receipt is kept.
		const stale = rep.createBatch();
		const op2 = newId();
		stale.collection('sync_ops').create({ id: op2 });
		stale.collection('customers').update(c.id, { base_version: 1, version: 2, notes: '过期' });
		await expect(stale.send()).rejects.toMatchObject({ status: 400 });
		await expect(admin.collection('sync_ops').getOne(op2)).rejects.toMatchObject({ status: 404 });
		expect(await storedVersion(admin, 'customers', c.id)).toBe(2);
	});

	it('takes a soft delete as an update, and keeps hard delete for superusers', async () => {
		const c = await newCustomer();
		const gone = await rep.collection('customers').update(c.id, { base_version: 1, deleted: true });
		expect(gone).toMatchObject({ deleted: true, version: 2 });
		await expect(rep.collection('customers').delete(c.id)).rejects.toMatchObject({ status: 403 });
		await admin.collection('customers').delete(c.id);
	});
});

describe('change_log', () => {
	it('records every changed field with actor and reason', async () => {
		const c = await newCustomer();
		await rep.collection('customers').update(c.id, {
			base_version: 1,
			address: '上海市闵行区莘庄工业区春东路 508 号',
			grade: 'vip',
			reason: '客户搬迁，电话确认新地址'
		});
		const rows = await admin.collection('change_log').getFullList({ filter: `record = "${c.id}"`, sort: 'field' });
		expect(rows.map((r) => [r.field, r.old, r.new, r.reason, r.actor])).toEqual([
			['address', '上海市浦东新区张江路 88 号', '上海市闵行区莘庄工业区春东路 508 号', '客户搬迁，电话确认新地址', actors.ids.rep1],
			['grade', 'normal', 'vip', '客户搬迁，电话确认新地址', actors.ids.rep1]
		]);
	});

	it('requires a reason to change a key field that had a value', async () => {
		const c = await newCustomer({ legal_rep: '' });
		await expect(rep.collection('customers').update(c.id, { base_version: 1, name: '上海华信冷链物流有限公司' })).rejects.toMatchObject({
			status: 400,
			response: { data: { name: { code: 'reason_required' } } }
		});
		// Filling an empty key field needs no reason.
		const filled = await rep.collection('customers').update(c.id, { base_version: 1, legal_rep: '王建国' });
		expect(filled.legal_rep).toBe('王建国');
		const contact = await rep.collection('contacts').create(childData('contacts', c.id));
		await expect(rep.collection('contacts').update(contact.id, { base_version: 1, mobile: '+8613900001111' })).rejects.toMatchObject({
			response: { data: { mobile: { code: 'reason_required' } } }
		});
	});
});

describe('forbidden data', () => {
	it('refuses an ID number in notes with a readable message', async () => {
		const err = await newCustomer({ notes: '法人身份证 11010519491231002X' }).catch((e) => e);
		expect(err.status).toBe(400);
		expect(err.response.data.notes.code).toBe('forbidden_id_number');
		expect(err.response.message).toContain('身份证');
	});

	it('refuses a bank card in any text or json field, on create and update', async () => {
		const c = await newCustomer();
		await expect(
			rep.collection('customers').update(c.id, { base_version: 1, tags: ['付款卡:4111 1111 1111 1111'] })
		).rejects.toMatchObject({ response: { data: { tags: { code: 'forbidden_bank_card' } } } });
		await expect(
			rep.collection('interactions').create({ ...childData('interactions', c.id), content: '对方给了卡号 6212261202011584340' })
		).rejects.toMatchObject({ response: { data: { content: { code: 'forbidden_bank_card' } } } });
		expect(await storedVersion(admin, 'customers', c.id)).toBe(1);
	});

	// The server's detector is a Go copy of src/lib/domain/forbidden-data.ts: both must agree.
	it.each([
		'身份证号 11010519491231002X',
		'ID：１１０１０５１９４９１２３１００２ｘ',
		'卡号 6222 0202 0000 1234 567',
		'4111111111111111',
		'手机 138 1234 5678，座机 021-6888 1234',
		'订单号 CUS202405001',
		'统一社会信用代码 91440300708461136T',
		'国际号码 +8613812345678',
		'合同金额 ¥4111111111111111',
		'下周三上午十点拜访，带样品'
	])('agrees with the client on %s', async (text) => {
		const clientRefuses = findForbiddenData(text).length > 0;
		const serverRefuses = await newCustomer({ notes: text }).then(
			() => false,
			(e) => e.status === 400
		);
		expect(serverRefuses).toBe(clientRefuses);
	});

	it('refuses a credit code with a wrong check character', async () => {
		await expect(newCustomer({ credit_code: '91440300708461136A' })).rejects.toMatchObject({
			response: { data: { credit_code: { code: 'invalid_credit_code' } } }
		});
	});
});

describe('review', () => {
	it('lets a rep submit but not approve', async () => {
		const c = await newCustomer();
		const submitted = await rep.collection('customers').update(c.id, { base_version: 1, review_state: 'submitted' });
		expect(submitted.review_state).toBe('submitted');
		await expect(rep.collection('customers').update(c.id, { base_version: 2, review_state: 'approved' })).rejects.toMatchObject({ status: 404 });
	});

	it('needs a note to return, and re-reviews key changes to an approved archive', async () => {
		const c = await newCustomer({ review_state: 'submitted' });
		const desk = actors.clients.reviewer;
		await expect(desk.collection('customers').update(c.id, { base_version: 1, review_state: 'returned' })).rejects.toMatchObject({
			response: { data: { review_note: { code: 'review_note_required' } } }
		});
		await desk.collection('customers').update(c.id, { base_version: 1, review_state: 'approved' });
		const changed = await rep.collection('customers').update(c.id, {
			base_version: 2,
			legal_rep: '李国强',
			reason: '工商变更，已核对营业执照'
		});
		expect(changed.review_state).toBe('submitted');
	});

	it('never lets a reviewer delete, even softly', async () => {
		const c = await newCustomer();
		await expect(actors.clients.reviewer.collection('customers').update(c.id, { base_version: 1, deleted: true })).rejects.toMatchObject({
			status: 404
		});
	});
});

describe('reveal_log', () => {
	it('records the revealer and refuses records they cannot see', async () => {
		const c = await newCustomer();
		const contact = await rep.collection('contacts').create(childData('contacts', c.id));
		const row = await actors.clients.reviewer
			.collection('reveal_log')
			.create({ collection: 'contacts', record: contact.id, field: 'mobile', reason: '审核核对', actor: actors.ids.rep2 });
		expect(row.actor).toBe(actors.ids.reviewer);
		await expect(
			actors.clients.rep2.collection('reveal_log').create({ collection: 'contacts', record: contact.id, field: 'mobile' })
		).rejects.toMatchObject({ status: 400 });
	});
});

describe('sharing', () => {
	it('lets a colleague the customer is shared with work on it, but not re-share or delete it', async () => {
		const c = await newCustomer({ shared_with: [actors.ids.rep2] });
		const colleague = actors.clients.rep2;
		expect((await colleague.collection('customers').getOne(c.id)).name).toBe(c.name);
		const contact = await colleague.collection('contacts').create(childData('contacts', c.id));
		expect(contact.created_by).toBe(actors.ids.rep2);
		await colleague.collection('customers').update(c.id, { base_version: 1, notes: '王芳补充：对方下月招标' });
		await expect(colleague.collection('customers').update(c.id, { base_version: 2, shared_with: [] })).rejects.toMatchObject({ status: 404 });
		await expect(colleague.collection('customers').update(c.id, { base_version: 2, deleted: true })).rejects.toMatchObject({ status: 404 });
		expect(await storedVersion(admin, 'customers', c.id)).toBe(2);
	});
});
