// The capture service writes a card as customer + contact + attachment + photo
// with their outbox entries in one transaction, and nothing when a field is
// invalid or the disk is full. fake-indexeddb stands in for the browser.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../src/lib/db/app-db';
import { autosave, loadDraft, saveDraft } from '../../src/lib/db/drafts';
import { emptyCard, saveCard, type CardValues } from '../../src/lib/services/capture';
import { listCustomers } from '../../src/lib/services/customers';
import { sha256Hex } from '../../src/lib/sync/files';
import { newDevice, newId } from '../factories/archive';

const OWNER = newId();

function card(extra: Partial<CardValues> = {}): CardValues {
	return {
		...emptyCard(),
		name: '张伟',
		title: '采购经理',
		company: '华为技术有限公司',
		mobile: '138 1234 5678',
		phone: '0755-2878 0808 转 801',
		email: 'zhangwei@HUAWEI.com',
		address: '深圳市龙岗区坂田华为基地',
		wechat: 'zhangwei_hw',
		qq: '12345678',
		...extra
	};
}

async function counts(db: AppDB) {
	return {
		customers: await db.customers.count(),
		contacts: await db.contacts.count(),
		attachments: await db.attachments.count(),
		photos: await db.photos.count(),
		outbox: await db.outbox.count()
	};
}

let db: AppDB;
beforeEach(() => {
	db = newDevice('capture');
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('saveCard', () => {
	it('writes customer, contact, attachment, photo and three outbox entries together', async () => {
		const photo = new Blob([new Uint8Array(4096).fill(7)], { type: 'image/jpeg' });
		await saveDraft(db, 'capture.card', { card: card() });

		const result = await saveCard(db, { card: card(), ownerId: OWNER, photo, draftKey: 'capture.card' });
		if (!result.ok) throw new Error(JSON.stringify(result.errors));

		const customer = await db.customers.get(result.customerId);
		expect(customer).toMatchObject({
			kind: 'company',
			name: '华为技术有限公司',
			address: '深圳市龙岗区坂田华为基地',
			owner: OWNER,
			status: 'potential',
			source: 'exhibition',
			review_state: 'draft',
			_state: 'pending',
			_base: null
		});
		expect(customer?.first_contact).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(await db.contacts.get(result.contactId)).toMatchObject({
			customer: result.customerId,
			name: '张伟',
			title: '采购经理',
			mobile: '+8613812345678',
			phone: '+8675528780808;ext=801',
			email: 'zhangwei@huawei.com',
			wechat: 'zhangwei_hw',
			qq: '12345678',
			_state: 'pending'
		});
		const sha256 = await sha256Hex(photo);
		expect(await db.attachments.get(result.attachmentId!)).toMatchObject({ customer: result.customerId, kind: 'card_front', sha256 });
		expect(await db.photos.get(result.attachmentId!)).toMatchObject({ sha256, uploaded: 0 });

		// Parents before children, each a whole-record create.
		const outbox = await db.outbox.orderBy('seq').toArray();
		expect(outbox.map((e) => [e.collection, e.recordId, e.kind])).toEqual([
			['customers', result.customerId, 'create'],
			['contacts', result.contactId, 'create'],
			['attachments', result.attachmentId, 'create']
		]);
		expect(outbox[0]!.patch).toMatchObject({ name: '华为技术有限公司', owner: OWNER });
		expect(outbox[0]!.patch).not.toHaveProperty('short_name'); // empty fields are left out
		expect(await loadDraft(db, 'capture.card')).toBeNull();
	});

	it('saves a card without a photo and a person without a company', async () => {
		const result = await saveCard(db, { card: card({ company: '', email: '', phone: '' }), ownerId: OWNER, source: 'referral' });
		expect(result).toMatchObject({ ok: true, attachmentId: null });
		expect(await counts(db)).toEqual({ customers: 1, contacts: 1, attachments: 0, photos: 0, outbox: 2 });
		expect((await db.customers.toArray())[0]).toMatchObject({ kind: 'person', name: '张伟', source: 'referral' });
	});

	it('writes nothing and names each bad field when validation fails', async () => {
		const photo = new Blob([new Uint8Array(100)], { type: 'image/jpeg' });
		await saveDraft(db, 'capture.card', { card: card() });
		const result = await saveCard(db, {
			card: card({ name: ' ', mobile: '12345678901', fax: '12', email: 'zhangwei@', qq: '0123', address: '身份证 11010519491231002X' }),
			ownerId: OWNER,
			photo,
			draftKey: 'capture.card'
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				name: 'required',
				mobile: 'invalid_phone',
				fax: 'invalid_phone',
				email: 'invalid_email',
				qq: 'invalid_qq',
				address: 'forbidden_id_number'
			}
		});
		expect(await counts(db)).toEqual({ customers: 0, contacts: 0, attachments: 0, photos: 0, outbox: 0 });
		expect(await loadDraft(db, 'capture.card')).not.toBeNull(); // the user's typing is kept
	});

	it('writes nothing when the disk fills up halfway through', async () => {
		db.photos.hook('creating', () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const photo = new Blob([new Uint8Array(100)], { type: 'image/jpeg' });
		await expect(saveCard(db, { card: card(), ownerId: OWNER, photo })).rejects.toThrow();
		expect(await counts(db)).toEqual({ customers: 0, contacts: 0, attachments: 0, photos: 0, outbox: 0 });
	});
});

describe('listCustomers', () => {
	it('shows unsent customers first in save order, then by created, without tombstones', async () => {
		const put = (id: string, name: string, created: string, extra = {}) =>
			db.customers.put({ id, name, created, _base: {}, _state: 'synced', ...extra });
		await put(newId(), '旧客户', '2026-01-01 08:00:00.000Z');
		await put(newId(), '新客户', '2026-03-01 08:00:00.000Z');
		await put(newId(), '已删除', '2026-04-01 08:00:00.000Z', { deleted: true });
		for (const company of ['深圳市第一有限公司', '深圳市第二有限公司']) {
			await saveCard(db, { card: card({ company }), ownerId: OWNER });
		}
		const rows = await listCustomers(db);
		expect(rows.map((r) => [r.name, r.state])).toEqual([
			['深圳市第二有限公司', 'pending'],
			['深圳市第一有限公司', 'pending'],
			['新客户', 'synced'],
			['旧客户', 'synced']
		]);
	});
});

describe('drafts', () => {
	afterEach(() => vi.useRealTimers());

	it('keeps the card and the photo blob', async () => {
		const photo = new Blob([new Uint8Array(10).fill(1)], { type: 'image/jpeg' });
		await saveDraft(db, 'capture.card', { card: card(), photo });
		const draft = await loadDraft(db, 'capture.card');
		expect(draft?.card).toEqual(card());
		expect((draft?.photo as Blob).size).toBe(10);
	});

	it('writes once, 500 ms after the last change, and at once on flush', async () => {
		vi.useFakeTimers();
		const write = vi.fn(async () => {});
		const saver = autosave(write);
		saver.schedule();
		vi.advanceTimersByTime(400);
		saver.schedule();
		vi.advanceTimersByTime(400);
		expect(write).not.toHaveBeenCalled();
		vi.advanceTimersByTime(100);
		expect(write).toHaveBeenCalledTimes(1);

		saver.schedule();
		await saver.flush();
		expect(write).toHaveBeenCalledTimes(2);
		await saver.flush(); // nothing pending
		saver.schedule();
		saver.cancel();
		vi.advanceTimersByTime(1000);
		expect(write).toHaveBeenCalledTimes(2);
	});
});
