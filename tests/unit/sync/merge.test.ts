import { describe, expect, it } from 'vitest';
import {
	changedFields,
	isEmptyValue,
	sameValue,
	SERVER_OWNED_FIELDS,
	threeWayMerge,
	type Fields,
	type MergeOptions
} from '$lib/sync/merge';

/** The server's confirmed copy of a customer, as PocketBase returns it. */
const customer = (extra: Fields = {}): Fields => ({
	id: 'k3q9x2m8p1z7c4v',
	collectionId: 'pbc_1234567890',
	collectionName: 'customers',
	number: 'CUS202611000042',
	kind: 'company',
	name: '上海华信冷链物流有限公司',
	short_name: '华信冷链',
	credit_code: '91310115MA1H7XKL2Q',
	address: '上海市浦东新区张江路 88 号',
	reg_address: '',
	status: 'potential',
	grade: 'normal',
	owner: 'u1rep0000000001',
	shared_with: [],
	tags: ['物流时效敏感度:高', '冷链:医药'],
	needs: null,
	budget: { min_fen: 5_000_000, max_fen: 20_000_000 },
	notes: '',
	dormant: false,
	review_state: 'draft',
	review_note: '',
	deleted: false,
	version: 3,
	base_version: 2,
	last_op: 'op0000000000003',
	created: '2026-11-20 09:12:03.120Z',
	updated: '2026-11-21 16:40:11.004Z',
	...extra
});

/** The newer server copy: someone else's changes plus the bumped bookkeeping. */
const newer = (base: Fields, changes: Fields): Fields => ({
	...base,
	...changes,
	version: Number(base.version) + 1,
	base_version: base.version,
	last_op: 'op0000000000004',
	updated: '2026-11-23 10:00:00.123Z'
});

const contact = (extra: Fields = {}): Fields => ({
	id: 'c8d7e6f5g4h3j2k',
	customer: 'k3q9x2m8p1z7c4v',
	name: '李晓梅',
	title: '采购经理',
	mobile: '+8613812345678',
	email: 'li.xiaomei@huaxin-cold.cn',
	wechat: '',
	personal_events: [{ kind: 'birthday', date: '1986-05-12', note: '农历四月初五' }],
	deleted: false,
	version: 2,
	...extra
});

describe('sameValue / isEmptyValue', () => {
	it.each<[string, unknown, unknown, boolean]>([
		['same text', '上海华信冷链物流有限公司', '上海华信冷链物流有限公司', true],
		['different text', '上海华信冷链物流有限公司', '上海华信物流有限公司', false],
		['"" = null (PocketBase text vs JSON empty)', '', null, true],
		['"" = undefined (form never touched)', '', undefined, true],
		['null = undefined', null, undefined, true],
		['[] = null (empty multi-select vs JSON)', [], null, true],
		['{} = null', {}, null, true],
		['budget with only empty ends = null', { min_fen: undefined, max_fen: null }, null, true],
		['0 is a value, not empty', 0, '', false],
		['false is a value, not empty', false, undefined, false],
		['0 = 0', 0, 0, true],
		['NaN = NaN', Number.NaN, Number.NaN, true],
		['key order in objects does not matter', { min_fen: 1, max_fen: 2 }, { max_fen: 2, min_fen: 1 }, true],
		['an empty property equals a missing one', { min_fen: undefined, max_fen: 500 }, { max_fen: 500 }, true],
		['a changed property', { min_fen: 100, max_fen: 500 }, { min_fen: 100, max_fen: 600 }, false],
		['array order matters', ['冷链:医药', '物流时效敏感度:高'], ['物流时效敏感度:高', '冷链:医药'], false],
		['array length matters', ['冷链:医药'], ['冷链:医药', '冷链:医药'], false],
		['nested arrays equal', [['a:b', 'c:d'], []], [['a:b', 'c:d'], []], true],
		['nested arrays differ', [['a:b', 'c:d']], [['a:b', 'c:e']], false],
		[
			'array of objects, key order inside',
			[{ kind: 'birthday', date: '1986-05-12' }],
			[{ date: '1986-05-12', kind: 'birthday' }],
			true
		],
		['array vs object', [], { 0: 'a' }, false],
		['object vs text', { min_fen: 1 }, '1', false],
		['number vs numeric text', 100, '100', false],
		['dates by time', new Date('2026-11-23T10:00:00Z'), new Date('2026-11-23T10:00:00Z'), true]
	])('%s', (_name, a, b, expected) => {
		expect(sameValue(a, b)).toBe(expected);
		expect(sameValue(b, a)).toBe(expected);
	});

	it.each<[unknown, boolean]>([
		[undefined, true],
		[null, true],
		['', true],
		[[], true],
		[{}, true],
		[{ min_fen: undefined }, true],
		[' ', false],
		[0, false],
		[false, false],
		[[null], false],
		[{ min_fen: 0 }, false]
	])('isEmptyValue(%j) = %s', (v, expected) => {
		expect(isEmptyValue(v)).toBe(expected);
	});
});

describe('changedFields', () => {
	const base = customer();
	it.each<[string, Fields, string[], MergeOptions?]>([
		['nothing changed', base, []],
		['one text field', { ...base, address: '上海市闵行区莘庄工业区春东路 508 号' }, ['address']],
		['tags reordered', { ...base, tags: ['冷链:医药', '物流时效敏感度:高'] }, ['tags']],
		['budget keys reordered only', { ...base, budget: { max_fen: 20_000_000, min_fen: 5_000_000 } }, []],
		['budget end changed', { ...base, budget: { min_fen: 5_000_000, max_fen: 30_000_000 } }, ['budget']],
		[
			'bookkeeping only',
			{ ...base, version: 9, base_version: 8, last_op: 'opx', created: 'x', updated: 'y', collectionId: 'z', collectionName: 'w', expand: { owner: {} } },
			[]
		],
		['device-only fields', { ...base, _state: 'pending', _base: { name: '旧名' } }, []],
		['empty text as null / undefined / missing', { ...base, notes: null, reg_address: undefined, review_note: undefined }, []],
		['empty JSON and multi-select', { ...base, needs: undefined, shared_with: null }, []],
		['missing field counts as cleared', Object.fromEntries(Object.entries(base).filter(([k]) => k !== 'address')), ['address']],
		['false → missing is a change', { ...base, dormant: undefined }, ['dormant']],
		['new field only in next', { ...base, legal_rep: '王建国' }, ['legal_rep']],
		['extra ignore', { ...base, notes: '客户要求周五前报价', grade: 'key' }, ['grade'], { ignore: ['notes'] }],
		[
			'order: next first, then base',
			{ legal_rep: '王建国', ...Object.fromEntries(Object.entries(base).filter(([k]) => k !== 'short_name')), name: '华信' },
			['legal_rep', 'name', 'short_name']
		]
	])('%s', (_name, next, expected, options) => {
		expect(changedFields(base, next, options)).toEqual(expected);
	});
});

interface Row {
	name: string;
	mine: Fields; // my changes on top of base
	theirs: Fields; // their changes on top of base
	options?: MergeOptions;
	patch: Fields;
	conflicts: string[]; // conflicting field names, in order
	merged?: Fields; // expected values in merged (beyond theirs)
}

const base = customer();
const rows: Row[] = [
	{ name: 'only the version moved', mine: {}, theirs: {}, patch: {}, conflicts: [] },
	{
		name: 'changed only by me → mine, sent',
		mine: { address: '上海市闵行区莘庄工业区春东路 508 号' },
		theirs: {},
		patch: { address: '上海市闵行区莘庄工业区春东路 508 号' },
		conflicts: [],
		merged: { address: '上海市闵行区莘庄工业区春东路 508 号' }
	},
	{
		name: 'changed only by them → theirs',
		mine: {},
		theirs: { tags: ['物流时效敏感度:高', '冷链:医药', '付款周期:60天'] },
		patch: {},
		conflicts: [],
		merged: { tags: ['物流时效敏感度:高', '冷链:医药', '付款周期:60天'] }
	},
	{
		name: 'different fields on each side merge',
		mine: { address: '上海市闵行区莘庄工业区春东路 508 号', budget: { min_fen: 8_000_000, max_fen: 20_000_000 } },
		theirs: { grade: 'key', short_name: '华信' },
		patch: { address: '上海市闵行区莘庄工业区春东路 508 号', budget: { min_fen: 8_000_000, max_fen: 20_000_000 } },
		conflicts: [],
		merged: { grade: 'key', short_name: '华信', address: '上海市闵行区莘庄工业区春东路 508 号' }
	},
	{
		name: 'both to the same value → nothing to report',
		mine: { name: '上海华信冷链物流股份有限公司' },
		theirs: { name: '上海华信冷链物流股份有限公司' },
		patch: {},
		conflicts: []
	},
	{
		name: 'both to the same budget, keys in another order',
		mine: { budget: { min_fen: 1_000_000, max_fen: 3_000_000 } },
		theirs: { budget: { max_fen: 3_000_000, min_fen: 1_000_000 } },
		patch: {},
		conflicts: []
	},
	{
		name: 'both to the same tags',
		mine: { tags: ['冷链:医药', '决策人:采购总监'] },
		theirs: { tags: ['冷链:医药', '决策人:采购总监'] },
		patch: {},
		conflicts: []
	},
	{
		name: 'both to different text → conflict, theirs kept',
		mine: { address: '上海市闵行区莘庄工业区春东路 508 号' },
		theirs: { address: '上海市嘉定区安亭镇墨玉南路 1018 号' },
		patch: {},
		conflicts: ['address'],
		merged: { address: '上海市嘉定区安亭镇墨玉南路 1018 号' }
	},
	{
		name: 'both to different tags (order counts)',
		mine: { tags: ['冷链:医药', '物流时效敏感度:高'] },
		theirs: { tags: ['物流时效敏感度:中', '冷链:医药'] },
		patch: {},
		conflicts: ['tags']
	},
	{
		name: 'both to different budgets',
		mine: { budget: { min_fen: 6_000_000, max_fen: 20_000_000 } },
		theirs: { budget: { min_fen: 5_000_000, max_fen: 25_000_000 } },
		patch: {},
		conflicts: ['budget']
	},
	{
		name: 'several conflicts, merges beside them',
		mine: { address: '上海市闵行区莘庄工业区春东路 508 号', notes: '月底前需报价', grade: 'key' },
		theirs: { address: '上海市嘉定区安亭镇墨玉南路 1018 号', notes: '已电话确认需求', short_name: '华信' },
		patch: { grade: 'key' },
		conflicts: ['address', 'notes'],
		merged: { grade: 'key', short_name: '华信', notes: '已电话确认需求' }
	},
	{
		name: 'server-owned fields changed on both sides: theirs, silently',
		mine: { status: 'following', review_state: 'submitted', review_note: '请审核', owner: 'u1rep0000000002', number: 'CUS-LOCAL' },
		theirs: { status: 'signed', review_state: 'approved', review_note: '资料齐全', owner: 'u1rep0000000003', number: 'CUS202611000043' },
		patch: {},
		conflicts: [],
		merged: { status: 'signed', review_state: 'approved', review_note: '资料齐全', owner: 'u1rep0000000003', number: 'CUS202611000043' }
	},
	{
		name: 'server-owned field changed only by me → mine, sent',
		mine: { status: 'following', review_state: 'submitted' },
		theirs: { grade: 'key' },
		patch: { status: 'following', review_state: 'submitted' },
		conflicts: []
	},
	{
		name: 'serverOwned replaced: grade is the desk’s, status is now the rep’s',
		mine: { grade: 'key', status: 'following' },
		theirs: { grade: 'normal_plus', status: 'signed' },
		options: { serverOwned: ['grade'] },
		patch: {},
		conflicts: ['status'],
		merged: { grade: 'normal_plus', status: 'signed' }
	},
	{
		name: 'serverOwned empty: every field is the rep’s',
		mine: { review_state: 'submitted' },
		theirs: { review_state: 'approved' },
		options: { serverOwned: [] },
		patch: {},
		conflicts: ['review_state']
	},
	{
		name: 'bookkeeping in mine is never merged or sent',
		mine: { version: 7, base_version: 6, last_op: 'opmine000000001', updated: '2030-01-01 00:00:00.000Z', expand: { owner: { name: '张三' } }, _state: 'pending' },
		theirs: {},
		patch: {},
		conflicts: []
	},
	{
		name: 'extra ignore: notes left out entirely',
		mine: { notes: '月底前需报价' },
		theirs: { notes: '已电话确认需求' },
		options: { ignore: ['notes'] },
		patch: {},
		conflicts: [],
		merged: { notes: '已电话确认需求' }
	},
	{
		name: 'empty: null / undefined / "" on my side are not edits',
		mine: { reg_address: null, notes: undefined, review_note: null, needs: undefined, shared_with: null },
		theirs: {},
		patch: {},
		conflicts: []
	},
	{
		name: 'empty: both cleared, in different shapes → agree',
		mine: { address: undefined, tags: null, budget: { min_fen: undefined, max_fen: undefined } },
		theirs: { address: '', tags: [], budget: null },
		patch: {},
		conflicts: []
	},
	{
		name: 'empty: my never-touched field vs their edit → theirs, no conflict',
		mine: { notes: undefined },
		theirs: { notes: '已电话确认需求' },
		patch: {},
		conflicts: [],
		merged: { notes: '已电话确认需求' }
	},
	{
		name: 'I cleared a field to undefined → sent as null',
		mine: { address: undefined },
		theirs: {},
		patch: { address: null },
		conflicts: [],
		merged: { address: null }
	},
	{
		name: 'I cleared a field to "" → sent as ""',
		mine: { address: '' },
		theirs: {},
		patch: { address: '' },
		conflicts: []
	},
	{
		name: 'I cleared a field they changed → conflict (clearing is an edit)',
		mine: { address: '' },
		theirs: { address: '上海市嘉定区安亭镇墨玉南路 1018 号' },
		patch: {},
		conflicts: ['address']
	},
	{
		name: '0 is a value: budget floor set to 0 by me is sent',
		mine: { budget: { min_fen: 0, max_fen: 20_000_000 } },
		theirs: {},
		patch: { budget: { min_fen: 0, max_fen: 20_000_000 } },
		conflicts: []
	},
	{
		name: 'a field new to the server schema, only in theirs',
		mine: {},
		theirs: { legal_rep: '王建国' },
		patch: {},
		conflicts: [],
		merged: { legal_rep: '王建国' }
	}
];

describe('threeWayMerge: per-field rules', () => {
	it.each(rows)('$name', (row) => {
		const mine = { ...base, ...row.mine };
		const theirs = newer(base, row.theirs);
		const r = threeWayMerge(base, mine, theirs, row.options);

		expect(r.patch).toEqual(row.patch);
		expect(r.conflicts.map((c) => c.field)).toEqual(row.conflicts);
		for (const c of r.conflicts) {
			expect(c).toEqual({ field: c.field, base: base[c.field], mine: mine[c.field], theirs: theirs[c.field] });
		}
		// merged = theirs, bookkeeping included, with my winning changes on top.
		expect(r.merged).toEqual({ ...theirs, ...r.patch });
		expect(r.merged).toMatchObject(row.merged ?? {});
		expect(r.merged.version).toBe(4);
	});

	it('keeps every value I changed: sent, already theirs, server-owned, or in a conflict row', () => {
		for (const row of rows) {
			const mine = { ...base, ...row.mine };
			const theirs = newer(base, row.theirs);
			const owned = row.options?.serverOwned ?? SERVER_OWNED_FIELDS;
			const r = threeWayMerge(base, mine, theirs, row.options);
			for (const f of changedFields(base, mine, row.options)) {
				const kept =
					f in r.patch ||
					sameValue(mine[f], theirs[f]) ||
					(owned.includes(f) && !sameValue(base[f], theirs[f])) ||
					r.conflicts.some((c) => c.field === f && c.mine === mine[f]);
				expect(kept, `${row.name}: ${f}`).toBe(true);
			}
		}
	});

	it('does not mutate its inputs', () => {
		const mine = { ...base, tags: ['冷链:医药'], address: '上海市闵行区莘庄工业区春东路 508 号' };
		const theirs = newer(base, { tags: ['物流时效敏感度:中'] });
		const snapshot = structuredClone([base, mine, theirs]);
		threeWayMerge(base, mine, theirs);
		expect([base, mine, theirs]).toEqual(snapshot);
	});

	it('contacts: both changed the mobile → conflict with all three numbers', () => {
		const b = contact();
		const mine = { ...b, mobile: '+8613987654321', wechat: 'lxm_huaxin' };
		const theirs = { ...b, mobile: '+8615061882046', title: '采购总监', version: 3 };
		const r = threeWayMerge(b, mine, theirs);
		expect(r.conflicts).toEqual([
			{ field: 'mobile', base: '+8613812345678', mine: '+8613987654321', theirs: '+8615061882046' }
		]);
		expect(r.patch).toEqual({ wechat: 'lxm_huaxin' });
		expect(r.merged).toMatchObject({ mobile: '+8615061882046', title: '采购总监', wechat: 'lxm_huaxin', version: 3 });
	});

	it('contacts: nested array of objects, key order inside does not count, content does', () => {
		const b = contact();
		const reordered = [{ note: '农历四月初五', date: '1986-05-12', kind: 'birthday' }];
		expect(threeWayMerge(b, { ...b, personal_events: reordered }, { ...b, version: 3 }).patch).toEqual({});
		const added = [...(b.personal_events as object[]), { kind: 'anniversary', date: '2019-09-01', note: '合作开始' }];
		const changed = [{ kind: 'birthday', date: '1986-05-13', note: '农历四月初五' }];
		const r = threeWayMerge(b, { ...b, personal_events: added }, { ...b, personal_events: changed, version: 3 });
		expect(r.conflicts.map((c) => c.field)).toEqual(['personal_events']);
		expect(r.conflicts[0]?.mine).toEqual(added);
		expect(r.merged.personal_events).toEqual(changed);
	});
});

describe('threeWayMerge: edit vs delete (SYNC.md 7)', () => {
	const deletedRow = (mine: boolean, theirs: boolean) => ({ field: 'deleted', base: false, mine, theirs });
	const edit = '上海市闵行区莘庄工业区春东路 508 号';

	it('they deleted, I edited → conflict on deleted, my edit kept in a row, nothing written onto the tombstone', () => {
		const r = threeWayMerge(base, { ...base, address: edit }, newer(base, { deleted: true }));
		expect(r.conflicts).toEqual([deletedRow(false, true), { field: 'address', base: base.address, mine: edit, theirs: base.address }]);
		expect(r.patch).toEqual({});
		expect(r.merged).toMatchObject({ deleted: true, address: base.address });
	});

	it('they deleted and edited the same field, I edited it too → deleted + field rows', () => {
		const r = threeWayMerge(base, { ...base, address: edit }, newer(base, { deleted: true, address: '上海市嘉定区安亭镇墨玉南路 1018 号' }));
		expect(r.conflicts.map((c) => c.field)).toEqual(['deleted', 'address']);
		expect(r.patch).toEqual({});
	});

	it('they deleted, I changed a server-owned field they did not → kept in a row, not sent', () => {
		const r = threeWayMerge(base, { ...base, status: 'following' }, newer(base, { deleted: true }));
		expect(r.conflicts.map((c) => c.field)).toEqual(['deleted', 'status']);
		expect(r.patch).toEqual({});
	});

	it('they deleted, I changed nothing (or only bookkeeping) → the delete stands silently', () => {
		const r = threeWayMerge(base, { ...base, last_op: 'opmine000000001', notes: null }, newer(base, { deleted: true }));
		expect(r).toEqual({ merged: newer(base, { deleted: true }), patch: {}, conflicts: [] });
	});

	it('they deleted and set status, I set status too → server-owned, no edit lost, the delete stands', () => {
		const r = threeWayMerge(base, { ...base, status: 'following' }, newer(base, { deleted: true, status: 'lost' }));
		expect(r.conflicts).toEqual([]);
		expect(r.merged).toMatchObject({ deleted: true, status: 'lost' });
	});

	it('I deleted, they edited → conflict on deleted, the record stays alive with their edit', () => {
		const theirs = newer(base, { tags: ['冷链:医药', '付款周期:60天'] });
		const r = threeWayMerge(base, { ...base, deleted: true }, theirs);
		expect(r.conflicts).toEqual([deletedRow(true, false)]);
		expect(r.patch).toEqual({});
		expect(r.merged).toEqual(theirs);
	});

	it('I deleted, the desk only reviewed (server-owned) → still a conflict', () => {
		const r = threeWayMerge(base, { ...base, deleted: true }, newer(base, { review_state: 'approved' }));
		expect(r.conflicts).toEqual([deletedRow(true, false)]);
		expect(r.merged.deleted).toBe(false);
	});

	it('I deleted and edited notes, they edited the address → deleted conflict, my notes still merge', () => {
		const r = threeWayMerge(base, { ...base, deleted: true, notes: '客户已注销' }, newer(base, { address: edit }));
		expect(r.conflicts.map((c) => c.field)).toEqual(['deleted']);
		expect(r.patch).toEqual({ notes: '客户已注销' });
		expect(r.merged).toMatchObject({ deleted: false, address: edit, notes: '客户已注销' });
	});

	it('I deleted, they only bumped the version → my delete is sent', () => {
		const r = threeWayMerge(base, { ...base, deleted: true }, newer(base, {}));
		expect(r).toMatchObject({ patch: { deleted: true }, conflicts: [], merged: { deleted: true, version: 4 } });
	});

	it('both deleted → agree, nothing to report', () => {
		const r = threeWayMerge(base, { ...base, deleted: true }, newer(base, { deleted: true }));
		expect(r).toMatchObject({ patch: {}, conflicts: [], merged: { deleted: true } });
	});

	it('base without a deleted flag (undefined) counts as alive', () => {
		const { deleted: _d, ...b } = base;
		const r = threeWayMerge(b, { ...b, address: edit }, newer(b, { deleted: true }));
		expect(r.conflicts.map((c) => c.field)).toEqual(['deleted', 'address']);
		expect(r.conflicts[0]).toEqual({ field: 'deleted', base: undefined, mine: undefined, theirs: true });
	});

	it('restore of a tombstone is an ordinary field change', () => {
		const tomb = customer({ deleted: true });
		expect(threeWayMerge(tomb, { ...tomb, deleted: false }, newer(tomb, {}))).toMatchObject({ patch: { deleted: false }, conflicts: [] });
		expect(threeWayMerge(tomb, tomb, newer(tomb, { deleted: false }))).toMatchObject({ patch: {}, conflicts: [], merged: { deleted: false } });
	});
});
