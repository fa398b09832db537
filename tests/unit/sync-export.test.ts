// "Export unsynced": the vCard 3.0 writer (escaping, folding by octets) and the
// JSON/vCard exports of a device database (fake-indexeddb).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppDB } from '../../src/lib/db/app-db';
import { createLocal, updateLocal } from '../../src/lib/sync/outbox';
import { escapeText, exportJson, exportVcards, foldLine, splitName, vcard } from '../../src/lib/sync/export';

const lines = (card: string) => card.split('\r\n');
const octets = (s: string) => new TextEncoder().encode(s).length;

describe('vcard', () => {
	it('writes a contact with every property, CRLF line ends', () => {
		const card = vcard({
			name: '张伟',
			org: '华为技术有限公司',
			title: '采购经理',
			mobile: '+8613812345678',
			phone: '+867558888123;ext=801',
			email: 'zhangwei@huawei.com',
			address: '深圳市南山区科技园',
			note: '喜欢喝茶'
		});
		expect(card.endsWith('END:VCARD\r\n')).toBe(true);
		expect(card.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(lines(card)).toEqual([
			'BEGIN:VCARD',
			'VERSION:3.0',
			'N:张;伟;;;',
			'FN:张伟',
			'ORG:华为技术有限公司',
			'TITLE:采购经理',
			'TEL;TYPE=CELL:+8613812345678',
			'TEL;TYPE=WORK:+867558888123 ext. 801',
			'EMAIL;TYPE=INTERNET:zhangwei@huawei.com',
			'ADR;TYPE=WORK:;;深圳市南山区科技园;;;;',
			'NOTE:喜欢喝茶',
			'END:VCARD',
			''
		]);
	});

	it('leaves N empty for a company and omits empty properties', () => {
		expect(lines(vcard({ name: '上海华信物流有限公司', isCompany: true, org: '上海华信物流有限公司' }))).toEqual([
			'BEGIN:VCARD',
			'VERSION:3.0',
			'N:;;;;',
			'FN:上海华信物流有限公司',
			'ORG:上海华信物流有限公司',
			'END:VCARD',
			''
		]);
	});

	it('escapes backslash, comma, semicolon and newlines in text', () => {
		expect(escapeText('a\\b,c;d\r\ne\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
		const card = vcard({ name: '李娜', note: '周一，周三拜访;带样品\n联系前先发微信' });
		expect(lines(card)).toContain('NOTE:周一，周三拜访\\;带样品\\n联系前先发微信');
		expect(lines(vcard({ name: '王芳', org: 'Acme, Inc.; 中国' }))).toContain('ORG:Acme\\, Inc.\\; 中国');
	});

	it('splits Chinese and Latin names into family and given', () => {
		expect(splitName('张伟')).toEqual({ family: '张', given: '伟' });
		expect(splitName('欧阳娜娜')).toEqual({ family: '欧阳', given: '娜娜' });
		expect(splitName('司马')).toEqual({ family: '司', given: '马' });
		expect(splitName('John Smith')).toEqual({ family: 'Smith', given: 'John' });
		expect(splitName('Madonna')).toEqual({ family: 'Madonna', given: '' });
	});
});

describe('foldLine', () => {
	it('leaves a line of exactly 75 octets alone', () => {
		const line = 'NOTE:' + 'a'.repeat(70);
		expect(foldLine(line)).toEqual([line]);
	});

	it('folds long UTF-8 lines at ≤ 75 octets without splitting a character', () => {
		// 'NOTE:' is 5 octets, each 汉字 3: 23 characters fill 74 octets, the 24th would make 77.
		const text = '深圳市南山区科技园华为技术有限公司采购部张伟经理喜欢喝茶周一周三拜访带样品联系前先发微信';
		const physical = foldLine('NOTE:' + text);
		expect(physical.length).toBeGreaterThan(1);
		for (const l of physical) expect(octets(l)).toBeLessThanOrEqual(75);
		expect(physical[0]).toBe('NOTE:' + Array.from(text).slice(0, 23).join(''));
		expect(octets(physical[0]!)).toBe(74);
		for (const l of physical.slice(1)) expect(l.startsWith(' ')).toBe(true);
		// Unfolding (drop CRLF + one space) gives the line back, character for character.
		expect(physical.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe('NOTE:' + text);
		expect(physical.join('')).not.toContain('\uFFFD');
	});

	it('folds inside a whole card: every physical line ≤ 75 octets', () => {
		const card = vcard({ name: '张伟', address: '广东省深圳市南山区粤海街道科技园科技南十二路二号金蝶软件园大厦十二层一二零八室（近地铁站）' });
		const physical = lines(card).slice(0, -1);
		for (const l of physical) expect(octets(l)).toBeLessThanOrEqual(75);
		expect(physical.some((l) => l.startsWith(' '))).toBe(true);
	});
});

describe('exports of a device database', () => {
	async function device() {
		const db = new AppDB(`export-${Math.random().toString(36).slice(2)}`);
		const customer = await createLocal(db, 'customers', {
			kind: 'company',
			name: '华为技术有限公司',
			address: '深圳市南山区科技园',
			owner: 'aaaaaaaaaaaaaaa'
		});
		const contact = await createLocal(db, 'contacts', { customer, name: '张伟', title: '采购经理', mobile: '+8613812345678' });
		// A record the server knows, with an unsynced edit and a rejected one.
		await db.contacts.put({ id: 'bbbbbbbbbbbbbbb', customer, name: '李娜', version: 1, _base: { id: 'bbbbbbbbbbbbbbb', customer, name: '李娜', version: 1 }, _state: 'synced' });
		await updateLocal(db, 'contacts', 'bbbbbbbbbbbbbbb', { title: '总经理' });
		await db.outbox.where('recordId').equals('bbbbbbbbbbbbbbb').modify({ state: 'rejected', lastError: '不得保存身份证号码 · title: forbidden_id_number' });
		return { db, customer, contact };
	}

	it('JSON holds every outbox entry with its current record, rejected ones included', async () => {
		const { db, customer, contact } = await device();
		const doc = JSON.parse(await exportJson(db, new Date('2026-11-20T08:00:00Z')));
		expect(doc).toMatchObject({ format: 'kedang-unsynced', version: 1, exportedAt: '2026-11-20T08:00:00.000Z' });
		expect(doc.operations.map((o: { recordId: string; kind: string; state: string }) => [o.recordId, o.kind, o.state])).toEqual([
			[customer, 'create', 'queued'],
			[contact, 'create', 'queued'],
			['bbbbbbbbbbbbbbb', 'update', 'rejected']
		]);
		expect(doc.operations[2]).toMatchObject({ lastError: '不得保存身份证号码 · title: forbidden_id_number', patch: { title: '总经理' }, record: { name: '李娜', title: '总经理' } });
	});

	it('vCard has one card per customer and contact, with the company as ORG', async () => {
		const { db } = await device();
		const text = await exportVcards(db);
		expect(text.match(/BEGIN:VCARD/g)).toHaveLength(3);
		const all = lines(text);
		expect(all).toContain('FN:华为技术有限公司');
		expect(all).toContain('FN:张伟');
		expect(all).toContain('N:张;伟;;;');
		expect(all).toContain('FN:李娜');
		expect(all).toContain('TITLE:总经理');
		expect(all.filter((l) => l === 'ORG:华为技术有限公司')).toHaveLength(3);
		expect(all).toContain('TEL;TYPE=CELL:+8613812345678');
	});

	it('is empty with an empty outbox', async () => {
		const db = new AppDB(`export-empty-${Math.random().toString(36).slice(2)}`);
		expect(await exportVcards(db)).toBe('');
		expect(JSON.parse(await exportJson(db)).operations).toEqual([]);
	});
});
