// Small factories for archive records: realistic Chinese data, valid by default.
import { randomInt } from 'node:crypto';
import type PocketBase from 'pocketbase';
import { AppDB } from '../../src/lib/db/app-db';
import type { RecordModel } from 'pocketbase';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A client-chosen id: 15 chars [a-z0-9] (SYNC.md, Identity). */
export function newId(): string {
	return Array.from({ length: 15 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export type Data = Record<string, unknown>;

export const customerData = (owner: string, extra: Data = {}): Data => ({
	id: newId(),
	kind: 'company',
	name: '上海华信物流有限公司',
	short_name: '华信物流',
	credit_code: '91440300708461136T',
	legal_rep: '王建国',
	address: '上海市浦东新区张江路 88 号',
	industry: '54',
	scale: 'medium',
	status: 'potential',
	grade: 'normal',
	source: 'exhibition',
	first_contact: '2026-11-20',
	owner,
	tags: ['物流时效敏感度:高'],
	review_state: 'draft',
	version: 1,
	...extra
});

/** A valid create body for each child collection of `customer`. */
export function childData(collection: string, customer: string, refs: { transaction?: string } = {}): Data {
	const base = { id: newId(), customer, version: 1 };
	switch (collection) {
		case 'contacts':
			return { ...base, name: '张伟', title: '采购经理', role: 'liaison', mobile: '+8613812345678', email: 'zhangwei@huaxin-logistics.cn' };
		case 'interactions':
			return { ...base, occurred_at: '2026-11-20 02:00:00.000Z', method: 'visit', content: '拜访采购部，对方关注冷链时效，下周报价。' };
		case 'transactions':
			return { ...base, contract_no: 'HT-2026-118', signed_on: '2026-11-01', amount_with_tax: 11_300_000, amount_without_tax: 10_000_000, payment_terms: 'installment' };
		case 'payments':
			return { ...base, transaction: refs.transaction, due_date: '2026-12-31', amount_due: 5_650_000 };
		case 'demands':
			return { ...base, type: 'after_sales', description: '冷库温控报警频繁，需要上门检修。', urgency: 'urgent' };
		case 'surveys':
			return { ...base, service_item: '冷链配送', scores: { response_speed: 5, expertise: 4, resolution: 4 }, surveyed_on: '2026-11-15' };
		case 'risk_flags':
			return { ...base, kind: 'internal_assessment', level: 'medium', description: '财务反映对方现金流偏紧。' };
		case 'attachments':
			return { ...base, kind: 'photo', ocr_text: '华信物流 张伟 采购经理' };
		default:
			throw new Error(`no factory for ${collection}`);
	}
}

/** Reads the stored version with the superuser client. */
export async function storedVersion(admin: PocketBase, collection: string, id: string): Promise<number> {
	return (await admin.collection(collection).getOne<RecordModel>(id)).version as number;
}

/** The fields a device writes locally: the factory data without id and version (the outbox adds them). */
export function localFields(data: Data): Data {
	const { id: _id, version: _version, ...fields } = data;
	return fields;
}

/** A fresh device database (fake-indexeddb in Node) with a unique name. */
export function newDevice(prefix = 'test'): AppDB {
	return new AppDB(`${prefix}-${newId()}`);
}
