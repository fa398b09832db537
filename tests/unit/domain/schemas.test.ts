import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	AttachmentSchema,
	ConflictSchema,
	ContactSchema,
	CustomerSchema,
	DemandSchema,
	EntitySchemas,
	InteractionSchema,
	PaymentSchema,
	RiskFlagSchema,
	SCHEMA_ISSUE_CODES,
	SYNCED_COLLECTIONS,
	SurveySchema,
	TransactionSchema,
	type AttachmentInput,
	type ConflictInput,
	type ContactInput,
	type CustomerInput,
	type DemandInput,
	type InteractionInput,
	type PaymentInput,
	type RiskFlagInput,
	type SchemaIssueCode,
	type SurveyInput,
	type TransactionInput
} from '$lib/domain';

// Forbidden samples, all constructed (see forbidden-data.test.ts): the GB 11643 worked
// example ID and a UnionPay-style 19-digit card printed in groups of four.
const ID_NUMBER = '11010519491231002X';
const CARD = '6222 0202 0000 1234 562';

const USER = 'user00000000001';
const CUSTOMER = 'cust00000000001';
const CONTACT = 'cont00000000001';
const DEAL = 'tran00000000001';

const customer = (o: Partial<CustomerInput> = {}): CustomerInput => ({
	id: CUSTOMER,
	kind: 'company',
	name: '深圳市腾讯计算机系统有限公司',
	short_name: '腾讯',
	credit_code: '91440300708461136T',
	legal_rep: '马化腾',
	reg_address: '深圳市南山区粤海街道麻岭社区科技中一路腾讯大厦35层',
	industry: '64',
	scale: 'large',
	status: 'intent',
	grade: 'vip',
	source: 'exhibition',
	first_contact: '2024-05-06',
	owner: USER,
	shared_with: ['user00000000002'],
	tags: ['物流时效敏感度:高', '信息获取偏好:主动推送'],
	needs: { core_need: '华南区仓配一体化', expected_start: '2024-09-01', decision_chain: '采购总监张伟拍板，财务王芳审预算' },
	budget: { min_fen: 50_000_000, max_fen: 120_000_000 },
	review_state: 'draft',
	...o
});

const contact = (o: Partial<ContactInput> = {}): ContactInput => ({
	id: CONTACT,
	customer: CUSTOMER,
	name: '张伟',
	title: '采购总监',
	role: 'decision_maker',
	mobile: '+8613812345678',
	phone: '+8675586013388;ext=801',
	email: 'zhangwei@tencent.com',
	wechat: 'zhangwei_sz',
	qq: '10001',
	preferred_channel: 'wechat',
	personal_notes: '女儿今年国庆要结婚',
	personal_events: [{ date: '2024-10-01', note: '女儿婚礼，送贺礼' }],
	...o
});

const interaction = (o: Partial<InteractionInput> = {}): InteractionInput => ({
	id: 'foll00000000001',
	customer: CUSTOMER,
	contact: CONTACT,
	occurred_at: '2024-05-08 06:30:00.000Z',
	method: 'visit',
	participants: '张伟、王芳',
	content: '拜访采购部，确认华南仓配需求，对方关注旺季时效。',
	pain_points: '旺季爆仓，时效不稳定',
	next_step: '发送报价方案',
	next_step_due: '2024-05-10',
	...o
});

const transaction = (o: Partial<TransactionInput> = {}): TransactionInput => ({
	id: DEAL,
	customer: CUSTOMER,
	contract_no: 'HT-2024-0518',
	signed_on: '2024-05-18',
	items: [{ name: '仓储服务', spec: '常温库 2000㎡', quantity: 12, unit_price_fen: 8_000_000 }],
	amount_with_tax: 101_760_000,
	amount_without_tax: 96_000_000,
	payment_terms: 'installment',
	installments: [
		{ due: '2024-06-30', amount_fen: 50_880_000 },
		{ due: '2024-12-31', amount_fen: 50_880_000 }
	],
	special_terms: '包装必须用黄色胶带',
	contract_end: '2025-05-17',
	renewal_intent: 'undecided',
	...o
});

const payment = (o: Partial<PaymentInput> = {}): PaymentInput => ({
	id: 'paym00000000001',
	customer: CUSTOMER,
	transaction: DEAL,
	due_date: '2024-06-30',
	amount_due: 50_880_000,
	paid_date: '2024-07-03',
	amount_paid: 50_880_000,
	late: true,
	...o
});

const demand = (o: Partial<DemandInput> = {}): DemandInput => ({
	id: 'dema00000000001',
	customer: CUSTOMER,
	type: 'after_sales',
	description: '深圳仓分拣差错率偏高，要求一周内给出整改方案',
	urgency: 'urgent',
	accepted_at: '2024-06-01 02:00:00.000Z',
	response_due: '2024-06-01T04:00:00Z',
	plan_due: '2024-06-04',
	state: 'in_progress',
	...o
});

const survey = (o: Partial<SurveyInput> = {}): SurveyInput => ({
	id: 'surv00000000001',
	customer: CUSTOMER,
	service_item: '2024年第二季度仓配服务',
	scores: { response_speed: 5, expertise: 4, resolution: 4 },
	suggestions: '希望提供周末客服',
	surveyed_on: '2024-07-05',
	recorder: USER,
	...o
});

const riskFlag = (o: Partial<RiskFlagInput> = {}): RiskFlagInput => ({
	id: 'risk00000000001',
	customer: CUSTOMER,
	kind: 'late_payments',
	level: 'medium',
	description: '连续两个月回款延迟',
	...o
});

const attachment = (o: Partial<AttachmentInput> = {}): AttachmentInput => ({
	id: 'atta00000000001',
	customer: CUSTOMER,
	parent_collection: 'contacts',
	parent_id: CONTACT,
	kind: 'card_front',
	sha256: 'a'.repeat(64),
	ocr_text: '张伟 采购总监\n深圳市腾讯计算机系统有限公司\n手机 138 1234 5678',
	ocr_fields: { name: '张伟', mobile: '13812345678' },
	...o
});

const conflict = (o: Partial<ConflictInput> = {}): ConflictInput => ({
	id: 'conf00000000001',
	customer: CUSTOMER,
	collection: 'contacts',
	record: CONTACT,
	field: 'mobile',
	base: '+8613812345678',
	mine: '+8613912345678',
	theirs: '+8613712345678',
	mine_by: USER,
	theirs_version: 3,
	state: 'open',
	...o
});

/** Issues as `path → code`, e.g. `{ path: 'budget.max_fen', code: 'invalid_range' }`. */
function issuesOf(schema: v.GenericSchema, input: unknown): { path: string; code: string }[] {
	const result = v.safeParse(schema, input);
	if (result.success) return [];
	return result.issues.map((i) => ({ path: (i.path ?? []).map((p) => String(p.key)).join('.'), code: i.message }));
}

/** Input without `key` (a field the form never filled). */
function without<T extends object>(input: T, key: keyof T): Partial<T> {
	const copy = { ...input };
	delete copy[key];
	return copy;
}

describe('valid records pass', () => {
	it.each<[string, v.GenericSchema, unknown]>([
		['company customer', CustomerSchema, customer()],
		['person customer, minimal', CustomerSchema, { id: CUSTOMER, kind: 'person', name: '李娜', occupation: '个体户', owner: USER }],
		['customer returned with a reason', CustomerSchema, customer({ review_state: 'returned', review_note: '信用代码与执照不符' })],
		['customer name of 200 characters outside the BMP', CustomerSchema, customer({ name: '𠮷'.repeat(200) })],
		['customer with empty optionals and null JSON', CustomerSchema, customer({ credit_code: '', industry: '', scale: '', tags: null, needs: null, budget: null })],
		['budget with one end only', CustomerSchema, customer({ budget: { max_fen: 1_000_000 } })],
		['contact', ContactSchema, contact()],
		['contact with Hong Kong mobile and plain office line', ContactSchema, contact({ mobile: '+85291234567', phone: '+862088881234', fax: '' })],
		['contact with only a name', ContactSchema, { id: CONTACT, customer: CUSTOMER, name: '王芳' }],
		['interaction', InteractionSchema, interaction()],
		['transaction', TransactionSchema, transaction()],
		['transaction, amounts not yet known', TransactionSchema, transaction({ amount_with_tax: 0, amount_without_tax: 0 })],
		['payment', PaymentSchema, payment()],
		['demand', DemandSchema, demand()],
		['survey', SurveySchema, survey()],
		['risk flag', RiskFlagSchema, riskFlag()],
		['attachment of the customer itself', AttachmentSchema, attachment({ parent_collection: '', parent_id: '' })],
		['attachment of a contact', AttachmentSchema, attachment()],
		['conflict', ConflictSchema, conflict()],
		['resolved conflict', ConflictSchema, conflict({ state: 'resolved', resolution: 'theirs', resolved_by: USER, resolved_at: '2024-05-09 01:02:03.456Z' })]
	])('%s', (_label, schema, input) => {
		expect(issuesOf(schema, input)).toEqual([]);
	});
});

type Case = [label: string, schema: v.GenericSchema, input: unknown, path: string, code: SchemaIssueCode];

const cases: Case[] = [
	// customers
	['kind missing', CustomerSchema, without(customer(), 'kind'), 'kind', 'required'],
	['kind not a kind', CustomerSchema, customer({ kind: 'government' as 'company' }), 'kind', 'invalid_option'],
	['name blank', CustomerSchema, customer({ name: '   ' }), 'name', 'required'],
	['name missing', CustomerSchema, without(customer(), 'name'), 'name', 'required'],
	['name of 201 characters', CustomerSchema, customer({ name: '深'.repeat(201) }), 'name', 'too_long'],
	['credit code check character', CustomerSchema, customer({ credit_code: '91440300708461136X' }), 'credit_code', 'invalid_credit_code'],
	['credit code 17 characters', CustomerSchema, customer({ credit_code: '91440300708461136' }), 'credit_code', 'invalid_credit_code'],
	['industry section only', CustomerSchema, customer({ industry: 'I' }), 'industry', 'invalid_industry'],
	['industry out of the standard', CustomerSchema, customer({ industry: '98' }), 'industry', 'invalid_industry'],
	['scale not a scale', CustomerSchema, customer({ scale: 'huge' as 'large' }), 'scale', 'invalid_option'],
	['first contact 29 Feb 2023', CustomerSchema, customer({ first_contact: '2023-02-29' }), 'first_contact', 'invalid_date'],
	['first contact with slashes', CustomerSchema, customer({ first_contact: '2024/05/06' }), 'first_contact', 'invalid_date'],
	['owner missing', CustomerSchema, without(customer(), 'owner'), 'owner', 'required'],
	['owner not an id', CustomerSchema, customer({ owner: 'ZhangWei' }), 'owner', 'invalid_id'],
	['shared with 51 users', CustomerSchema, customer({ shared_with: Array(51).fill(USER) }), 'shared_with', 'too_many'],
	['shared with a bad id', CustomerSchema, customer({ shared_with: ['user-1'] }), 'shared_with.0', 'invalid_id'],
	['dormant as text', CustomerSchema, customer({ dormant: 'yes' as unknown as boolean }), 'dormant', 'invalid_type'],
	['ID number in notes', CustomerSchema, customer({ notes: `法人身份证 ${ID_NUMBER}` }), 'notes', 'forbidden_id_number'],
	['card number in business scope', CustomerSchema, customer({ business_scope: `对公账户 ${CARD}` }), 'business_scope', 'forbidden_bank_card'],
	['card number in a tag', CustomerSchema, customer({ tags: [`收款卡号:${CARD}`] }), 'tags.0', 'forbidden_bank_card'],
	['core need too long', CustomerSchema, customer({ needs: { core_need: '需'.repeat(2001) } }), 'needs.core_need', 'too_long'],
	['expected start not a date', CustomerSchema, customer({ needs: { expected_start: '下半年' } }), 'needs.expected_start', 'invalid_date'],
	['budget min above max', CustomerSchema, customer({ budget: { min_fen: 2_000_000, max_fen: 1_000_000 } }), 'budget.max_fen', 'invalid_range'],
	['budget in yuan with decimals', CustomerSchema, customer({ budget: { min_fen: 5000.5 } }), 'budget.min_fen', 'not_integer'],
	['negative budget', CustomerSchema, customer({ budget: { min_fen: -1 } }), 'budget.min_fen', 'negative'],
	['returned without a reason', CustomerSchema, customer({ review_state: 'returned', review_note: ' ' }), 'review_note', 'review_note_required'],
	// contacts
	['contact without customer', ContactSchema, without(contact(), 'customer'), 'customer', 'required'],
	['contact name empty', ContactSchema, contact({ name: '' }), 'name', 'required'],
	['mobile without country code', ContactSchema, contact({ mobile: '13812345678' }), 'mobile', 'invalid_phone'],
	['mobile with spaces', ContactSchema, contact({ mobile: '+86 138 1234 5678' }), 'mobile', 'invalid_phone'],
	['mobile with an extension', ContactSchema, contact({ mobile: '+8613812345678;ext=1' }), 'mobile', 'invalid_phone'],
	['office line as printed', ContactSchema, contact({ phone: '0755-86013388 转 801' }), 'phone', 'invalid_phone'],
	['fax as printed', ContactSchema, contact({ fax: '0755-86013389' }), 'fax', 'invalid_phone'],
	['email without domain', ContactSchema, contact({ email: 'zhangwei@' }), 'email', 'invalid_email'],
	['qq with letters', ContactSchema, contact({ qq: 'zhangwei' }), 'qq', 'invalid_qq'],
	['role not a role', ContactSchema, contact({ role: 'boss' as 'other' }), 'role', 'invalid_option'],
	['personal event on 13th month', ContactSchema, contact({ personal_events: [{ date: '2024-13-01', note: '生日' }] }), 'personal_events.0.date', 'invalid_date'],
	['personal event without note', ContactSchema, contact({ personal_events: [{ date: '2024-10-01' } as { date: string; note: string }] }), 'personal_events.0.note', 'required'],
	['ID number in personal notes', ContactSchema, contact({ personal_notes: `身份证号${ID_NUMBER}` }), 'personal_notes', 'forbidden_id_number'],
	// interactions
	['occurred at a date only', InteractionSchema, interaction({ occurred_at: '2024-05-08' }), 'occurred_at', 'invalid_datetime'],
	['occurred at 25 o’clock', InteractionSchema, interaction({ occurred_at: '2024-05-08 25:00:00Z' }), 'occurred_at', 'invalid_datetime'],
	['occurred at missing', InteractionSchema, without(interaction(), 'occurred_at'), 'occurred_at', 'required'],
	['method missing', InteractionSchema, without(interaction(), 'method'), 'method', 'required'],
	['content empty', InteractionSchema, interaction({ content: '' }), 'content', 'required'],
	['next step due unpadded', InteractionSchema, interaction({ next_step_due: '2024-5-10' }), 'next_step_due', 'invalid_date'],
	['card number in complaints', InteractionSchema, interaction({ complaints: `退款打到 ${CARD}` }), 'complaints', 'forbidden_bank_card'],
	// transactions
	['amount with fractions of a fen', TransactionSchema, transaction({ amount_with_tax: 101_760_000.5 }), 'amount_with_tax', 'not_integer'],
	['negative amount', TransactionSchema, transaction({ amount_with_tax: -100 }), 'amount_with_tax', 'negative'],
	['amount as text', TransactionSchema, transaction({ amount_with_tax: '1017600' as unknown as number }), 'amount_with_tax', 'invalid_type'],
	['without tax above with tax', TransactionSchema, transaction({ amount_without_tax: 200_000_000 }), 'amount_without_tax', 'invalid_range'],
	['item quantity zero', TransactionSchema, transaction({ items: [{ name: '仓储服务', quantity: 0 }] }), 'items.0.quantity', 'out_of_range'],
	['item without name', TransactionSchema, transaction({ items: [{ name: '', quantity: 1 }] }), 'items.0.name', 'required'],
	['instalment in yuan', TransactionSchema, transaction({ installments: [{ due: '2024-06-30', amount_fen: 508_800.5 }] }), 'installments.0.amount_fen', 'not_integer'],
	['instalment due 31 June', TransactionSchema, transaction({ installments: [{ due: '2024-06-31', amount_fen: 1 }] }), 'installments.0.due', 'invalid_date'],
	['ID number in special terms', TransactionSchema, transaction({ special_terms: `担保人身份证 ${ID_NUMBER}` }), 'special_terms', 'forbidden_id_number'],
	['payment terms not a term', TransactionSchema, transaction({ payment_terms: 'credit' as 'full' }), 'payment_terms', 'invalid_option'],
	// payments
	['payment without contract', PaymentSchema, without(payment(), 'transaction'), 'transaction', 'required'],
	['payment without due date', PaymentSchema, payment({ due_date: '' }), 'due_date', 'required'],
	['negative paid amount', PaymentSchema, payment({ amount_paid: -1 }), 'amount_paid', 'negative'],
	// demands
	['urgency not an urgency', DemandSchema, demand({ urgency: 'asap' as 'urgent' }), 'urgency', 'invalid_option'],
	['demand without description', DemandSchema, without(demand(), 'description'), 'description', 'required'],
	['response due with an offset', DemandSchema, demand({ response_due: '2024-06-01T12:00:00+08:00' }), 'response_due', 'invalid_datetime'],
	// surveys
	['score above 5', SurveySchema, survey({ scores: { expertise: 6 } }), 'scores.expertise', 'out_of_range'],
	['half a point', SurveySchema, survey({ scores: { expertise: 4.5 } }), 'scores.expertise', 'not_integer'],
	['dimension with spaces', SurveySchema, survey({ scores: { 'Response Speed': 5 } }), 'scores.Response Speed', 'invalid_field_name'],
	['survey without service item', SurveySchema, without(survey(), 'service_item'), 'service_item', 'required'],
	// risk flags
	['risk level missing', RiskFlagSchema, without(riskFlag(), 'level'), 'level', 'required'],
	['risk kind not a kind', RiskFlagSchema, riskFlag({ kind: 'fraud' as 'default_history' }), 'kind', 'invalid_option'],
	['card number in outcome', RiskFlagSchema, riskFlag({ outcome: `已代扣 ${CARD}` }), 'outcome', 'forbidden_bank_card'],
	// attachments
	['attachment kind missing', AttachmentSchema, without(attachment(), 'kind'), 'kind', 'required'],
	['sha256 upper case', AttachmentSchema, attachment({ sha256: 'A'.repeat(64) }), 'sha256', 'invalid_sha256'],
	['parent is a customer', AttachmentSchema, attachment({ parent_collection: 'customers' as 'contacts' }), 'parent_collection', 'invalid_option'],
	['parent collection without id', AttachmentSchema, attachment({ parent_id: '' }), 'parent_id', 'required'],
	['ID number in OCR text', AttachmentSchema, attachment({ ocr_text: `公民身份号码 ${ID_NUMBER}` }), 'ocr_text', 'forbidden_id_number'],
	['ID number in OCR fields', AttachmentSchema, attachment({ ocr_fields: { id: ID_NUMBER } }), 'ocr_fields', 'forbidden_id_number'],
	// conflicts
	['conflict about users', ConflictSchema, conflict({ collection: 'users' as 'contacts' }), 'collection', 'invalid_option'],
	['field name with spaces', ConflictSchema, conflict({ field: 'Mobile Phone' }), 'field', 'invalid_field_name'],
	['conflict without author', ConflictSchema, without(conflict(), 'mine_by'), 'mine_by', 'required'],
	['resolved without resolution', ConflictSchema, conflict({ state: 'resolved' }), 'resolution', 'required'],
	['theirs version 0', ConflictSchema, conflict({ theirs_version: 0 }), 'theirs_version', 'out_of_range'],
	['ID number in my value', ConflictSchema, conflict({ mine: `备注：${ID_NUMBER}` }), 'mine', 'forbidden_id_number']
];

describe('invalid records fail with a stable code at the field', () => {
	it.each(cases)('%s → %s', (_label, schema, input, path, code) => {
		expect(issuesOf(schema, input)).toContainEqual({ path, code });
	});
});

describe('parsing', () => {
	it('keeps only writable fields: numbers, authors and sync bookkeeping are stripped', () => {
		const stored = { ...customer(), number: 'CUS202405001', created_by: USER, version: 3, base_version: 2, created: '2024-05-06 01:00:00.000Z' };
		const out = v.parse(CustomerSchema, stored);
		for (const key of ['number', 'created_by', 'version', 'base_version', 'created']) expect(out).not.toHaveProperty(key);
		expect(out.name).toBe('深圳市腾讯计算机系统有限公司');
	});

	it('normalises what people type: credit code case, industry code, e-mail, surrounding spaces', () => {
		const c = v.parse(CustomerSchema, customer({ credit_code: ' 91440300708461136t ', industry: 'I64', name: ' 深圳市腾讯计算机系统有限公司 ' }));
		expect(c).toMatchObject({ credit_code: '91440300708461136T', industry: '64', name: '深圳市腾讯计算机系统有限公司' });
		expect(v.parse(ContactSchema, contact({ email: 'ZhangWei＠Tencent．COM' })).email).toBe('ZhangWei@tencent.com');
	});

	it('reports every broken field at once', () => {
		const paths = issuesOf(ContactSchema, contact({ name: '', mobile: '138', email: 'x' })).map((i) => i.path);
		expect(paths).toEqual(['name', 'mobile', 'email']);
	});
});

describe('issue messages are always codes', () => {
	const junk = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 12345]));
	it.each(Object.entries(EntitySchemas))('%s: empty and wrongly typed input', (_name, schema) => {
		const keys = Object.keys(schema.entries);
		const issues = [...issuesOf(schema, {}), ...issuesOf(schema, junk(keys)), ...issuesOf(schema, 'not an object')];
		expect(issues.length).toBeGreaterThan(0);
		for (const { code } of issues) expect(SCHEMA_ISSUE_CODES).toContain(code);
	});
});

describe('EntitySchemas', () => {
	it('has a schema for every synced collection, and only those', () => {
		expect(Object.keys(EntitySchemas).sort()).toEqual([...SYNCED_COLLECTIONS].sort());
	});
});
