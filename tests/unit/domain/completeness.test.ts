import { describe, expect, it } from 'vitest';
import {
	archiveCompleteness,
	type CompletenessContact,
	type CompletenessCustomer
} from '$lib/domain';

/** Small factories: a complete company / person archive, overridable per case. */
function company(over: Partial<CompletenessCustomer> = {}): CompletenessCustomer {
	return {
		kind: 'company',
		name: '腾讯科技（深圳）有限公司',
		short_name: '腾讯',
		credit_code: '9144030071526726XG',
		legal_rep: '马化腾',
		reg_address: '深圳市南山区粤海街道麻岭社区科技中一路腾讯大厦35层',
		address: null,
		industry: '64',
		scale: 'large',
		status: 'potential',
		grade: 'vip',
		source: 'exhibition',
		first_contact: '2024-05-01',
		owner: 'user_zhao6',
		...over
	};
}

function contact(role: string, over: Partial<CompletenessContact> = {}): CompletenessContact {
	return { name: `联系人-${role}`, title: '经理', role, mobile: '13812345678', ...over };
}

const fullContacts = [contact('decision_maker'), contact('liaison'), contact('finance')];

function person(over: Partial<CompletenessCustomer> = {}): CompletenessCustomer {
	return {
		kind: 'person',
		name: '李四',
		occupation: '个体工商户',
		status: 'intent',
		grade: 'normal',
		source: 'phone',
		first_contact: '2024-05-10',
		owner: 'user_zhao6',
		...over
	};
}

describe('archiveCompleteness: company', () => {
	it('scores a complete archive 100 with nothing missing', () => {
		expect(archiveCompleteness(company(), fullContacts)).toEqual({ score: 100, missing: [] });
	});

	it.each([
		['no name', { name: '' }, 90, ['name']],
		['blank name', { name: '   ' }, 90, ['name']],
		['no credit code', { credit_code: null }, 90, ['credit_code']],
		['credit code failing the check', { credit_code: '9144030071526726XA' }, 90, ['credit_code_invalid']],
		['credit code in lower case is fine', { credit_code: '9144030071526726xg' }, 100, []],
		['no legal rep', { legal_rep: undefined }, 94, ['legal_rep']],
		['business address instead of registered one', { reg_address: '', address: '深圳市南山区' }, 100, []],
		['no address at all', { reg_address: '', address: '' }, 92, ['address']],
		['no industry', { industry: '' }, 94, ['industry']],
		['industry is only a section', { industry: 'I' }, 94, ['industry_invalid']],
		['industry is free text', { industry: '互联网' }, 94, ['industry_invalid']],
		['industry with section letter', { industry: 'I64' }, 100, []],
		['no scale', { scale: null }, 95, ['scale']],
		['no status', { status: null }, 95, ['status']],
		['no grade', { grade: null }, 95, ['grade']],
		['no source', { source: null }, 95, ['source']],
		['referred, referrer given', { source: 'referral', referrer: '王五' }, 100, []],
		['referred, no referrer', { source: 'referral' }, 97, ['referrer']],
		['partner referral in Chinese, no referrer', { source: '合作伙伴推荐' }, 97, ['referrer']],
		['no first contact', { first_contact: '' }, 95, ['first_contact']],
		['first contact not a date', { first_contact: '2024/05/01' }, 95, ['first_contact_invalid']],
		['first contact impossible', { first_contact: '2024-02-30' }, 95, ['first_contact_invalid']],
		['no owner', { owner: '' }, 95, ['owner']],
		['short name and business scope are optional', { short_name: '', business_scope: '' }, 100, []]
	] as Array<[string, Partial<CompletenessCustomer>, number, string[]]>)(
		'%s → %i',
		(_label, over, score, missing) => {
			expect(archiveCompleteness(company(over), fullContacts)).toEqual({ score, missing });
		}
	);

	it.each([
		['no contacts', [], 70, ['contact_decision_maker', 'contact_liaison', 'contact_finance']],
		['no finance contact', [contact('decision_maker'), contact('liaison')], 90, ['contact_finance']],
		['technical and other do not count', [contact('technical'), contact('other')], 70, ['contact_decision_maker', 'contact_liaison', 'contact_finance']],
		['a role without a name does not count', [contact('decision_maker', { name: '' }), contact('liaison'), contact('finance')], 90, ['contact_decision_maker']],
		['a role without any way to reach does not count', [contact('decision_maker', { mobile: '' }), contact('liaison'), contact('finance')], 90, ['contact_decision_maker']],
		['e-mail or WeChat alone is a way to reach', [contact('decision_maker', { mobile: '', email: 'a@b.cn' }), contact('liaison', { mobile: '', wechat: 'wx_li' }), contact('finance')], 100, []],
		['one person per role is enough, extra contacts are fine', [...fullContacts, contact('technical')], 100, []]
	] as Array<[string, CompletenessContact[], number, string[]]>)('%s → %i', (_label, contacts, score, missing) => {
		expect(archiveCompleteness(company(), contacts)).toEqual({ score, missing });
	});

	it('lists missing rules in display order and rounds the score down', () => {
		expect(archiveCompleteness({ kind: 'company', name: '某某有限公司' })).toEqual({
			score: 10,
			missing: [
				'credit_code',
				'legal_rep',
				'address',
				'industry',
				'scale',
				'status',
				'grade',
				'source',
				'first_contact',
				'owner',
				'contact_decision_maker',
				'contact_liaison',
				'contact_finance'
			]
		});
		// Referred (103 weight points in play) without referrer (3) or legal rep (6): 94/103 = 91.3 → 91.
		expect(archiveCompleteness(company({ source: 'referral', legal_rep: '' }), fullContacts).score).toBe(91);
	});

	it('accepts a custom list of referral sources', () => {
		const c = company({ source: 'agent' });
		expect(archiveCompleteness(c, fullContacts).missing).toEqual([]);
		expect(archiveCompleteness(c, fullContacts, { referralSources: ['agent'] }).missing).toEqual(['referrer']);
	});
});

describe('archiveCompleteness: person', () => {
	const own = [contact('other', { name: '李四', mobile: '13912345678' })];

	it('scores a complete archive 100', () => {
		expect(archiveCompleteness(person(), own)).toEqual({ score: 100, missing: [] });
	});

	it.each([
		['no contacts → no phone', person(), [], 80, ['phone']],
		['invalid phone does not count', person(), [contact('other', { mobile: '12345678901' })], 80, ['phone']],
		['a landline counts', person(), [contact('other', { mobile: '', phone: '010-12345678' })], 100, []],
		['no occupation', person({ occupation: '' }), own, 90, ['occupation']],
		['no name', person({ name: null }), own, 80, ['name']],
		['credit code and legal rep are not asked of persons', person({ credit_code: '', legal_rep: '' }), own, 100, []],
		['no address is fine for persons', person({ address: '', reg_address: '' }), own, 100, []],
		['referred without referrer', person({ source: 'referral' }), own, 95, ['referrer']]
	] as Array<[string, CompletenessCustomer, CompletenessContact[], number, string[]]>)(
		'%s → %i',
		(_label, customer, contacts, score, missing) => {
			expect(archiveCompleteness(customer, contacts)).toEqual({ score, missing });
		}
	);
});
