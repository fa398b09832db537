import { describe, expect, it } from 'vitest';
import { compareForDuplicates, duplicateKeys, normaliseCompanyName, type DuplicateInput } from '$lib/domain';

describe('normaliseCompanyName', () => {
	it.each([
		['腾讯科技（深圳）有限公司', '腾讯科技深圳'],
		['腾讯科技(深圳)有限公司', '腾讯科技深圳'],
		['腾讯科技 ( 深圳 ) 有限公司', '腾讯科技深圳'],
		['腾讯科技【深圳】有限公司', '腾讯科技深圳'],
		['华为技术有限公司', '华为技术'],
		['小米科技有限责任公司', '小米科技'],
		['比亚迪股份有限公司', '比亚迪'],
		['中国石油天然气股份有限公司', '中国石油天然气'],
		['深圳市星辰科技有限公司', '深圳市星辰科技'],
		['ＡＢＣ科技有限公司', 'abc科技'],
		['abc科技有限公司', 'abc科技'],
		['鸿达资讯有限責任公司', '鸿达资讯'],
		['万科企业股份有限公司', '万科企业'],
		// 集团 is part of the name; only the legal form goes.
		['海尔集团有限公司', '海尔集团'],
		['海尔集团股份有限公司', '海尔集团'],
		['海尔（集团）股份有限公司', '海尔集团'],
		// Branches keep their branch suffix.
		['华为技术有限公司北京分公司', '华为技术北京分公司'],
		['华为技术北京分公司', '华为技术北京分公司'],
		['中国银行股份有限公司北京分行', '中国银行北京分行'],
		['招商银行股份有限公司深圳南山支行', '招商银行深圳南山支行'],
		// Partnerships.
		['北京市金杜律师事务所（特殊普通合伙）', '北京市金杜律师事务所'],
		['杭州云帆投资合伙企业（有限合伙）', '杭州云帆投资'],
		// English names.
		['Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
		['Tencent Holdings Limited', 'tencentholdings'],
		['Apple Inc.', 'apple'],
		['Zinc Mining Corp.', 'zincmining'],
		['Costco', 'costco'],
		['PwC Japan Co.', 'pwcjapan'],
		// Nothing to strip, or nothing left to strip from.
		['有限公司', '有限公司'],
		['', ''],
		['   ', '']
	])('%j → %j', (input, expected) => {
		expect(normaliseCompanyName(input)).toBe(expected);
	});
});

describe('duplicateKeys', () => {
	it('builds one key per identifier, normalised', () => {
		expect(
			duplicateKeys({
				credit_code: '9144 0300 7152 6726 xg',
				name: '腾讯科技（深圳）有限公司',
				phones: ['138-1234-5678', '+86 138 1234 5678', '0755-8601 3388', 'not a phone'],
				emails: ['Pony@Tencent.COM', 'bad@'],
				contact_names: ['马化腾']
			})
		).toEqual([
			'cc:9144030071526726XG',
			'name:腾讯科技深圳',
			'phone:+8613812345678',
			'phone:+8675586013388',
			'email:pony@tencent.com'
		]);
	});

	it.each([
		['invalid credit code is left out', { credit_code: '914403001922038217' }, []],
		['blank name is left out', { name: '  ' }, []],
		['empty input', {}, []],
		['400 number is kept (lookup finds, compare decides)', { phones: ['400-820-8820'] }, ['phone:+864008208820']]
	] as Array<[string, DuplicateInput, string[]]>)('%s', (_label, input, keys) => {
		expect(duplicateKeys(input)).toEqual(keys);
	});
});

const huawei: DuplicateInput = {
	credit_code: '914403001922038216',
	name: '华为技术有限公司',
	phones: ['13812345678', '0755-28780808'],
	emails: ['zhangsan@huawei.com'],
	contact_names: ['张三']
};

describe('compareForDuplicates', () => {
	it.each([
		['same credit code, different spelling', { credit_code: '9144 0300 1922 0382 16', name: '华为' }, 'same_company'],
		['same credit code, nothing else shared', { credit_code: '914403001922038216' }, 'same_company'],
		['same name (brackets/suffix differ) + same mobile', { name: '华为技术股份有限公司', phones: ['+86 138 1234 5678'] }, 'probable'],
		['same name + same e-mail (case differs)', { name: '华为技术', emails: ['ZhangSan@Huawei.com'] }, 'probable'],
		['same name + same switchboard', { name: '华为技术有限公司', phones: ['0755 2878 0808'] }, 'probable'],
		['same name + same contact name', { name: '华为技术有限公司', contact_names: [' 张 三 '] }, 'probable'],
		['same name, nothing shared', { name: '华为技术有限公司', phones: ['13900000000'] }, 'none'],
		['same name but different valid credit codes', { name: '华为技术有限公司', credit_code: '91440300192317458F', phones: ['13812345678'] }, 'same_contact'],
		['other company, same mobile (person moved)', { name: '比亚迪股份有限公司', phones: ['138 1234 5678'] }, 'same_contact'],
		['other company, same e-mail', { name: '比亚迪', emails: ['zhangsan@huawei.com'] }, 'same_contact'],
		['other company, same switchboard only', { name: '比亚迪', phones: ['0755-28780808'] }, 'none'],
		['invalid credit code that equals nothing', { credit_code: '914403001922038217' }, 'none'],
		['branch of the same company + same mobile', { name: '华为技术有限公司北京分公司', phones: ['13812345678'] }, 'same_contact'],
		['nothing at all', {}, 'none']
	] as Array<[string, DuplicateInput, string]>)('%s → %s', (_label, other, verdict) => {
		expect(compareForDuplicates(huawei, other)).toBe(verdict);
		expect(compareForDuplicates(other, huawei)).toBe(verdict);
	});
});
