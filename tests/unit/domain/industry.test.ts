import { describe, expect, it } from 'vitest';
import {
	findIndustry,
	industryDivisions,
	industryPath,
	industrySections,
	isIndustryDivisionCode,
	isValidIndustryCode,
	normaliseIndustryCode
} from '$lib/domain';

/** GB/T 4754-2017: each 门类 with its first and last 大类 and the count between. */
const ranges = [
	['A', '农、林、牧、渔业', '01', '05'],
	['B', '采矿业', '06', '12'],
	['C', '制造业', '13', '43'],
	['D', '电力、热力、燃气及水生产和供应业', '44', '46'],
	['E', '建筑业', '47', '50'],
	['F', '批发和零售业', '51', '52'],
	['G', '交通运输、仓储和邮政业', '53', '60'],
	['H', '住宿和餐饮业', '61', '62'],
	['I', '信息传输、软件和信息技术服务业', '63', '65'],
	['J', '金融业', '66', '69'],
	['K', '房地产业', '70', '70'],
	['L', '租赁和商务服务业', '71', '72'],
	['M', '科学研究和技术服务业', '73', '75'],
	['N', '水利、环境和公共设施管理业', '76', '79'],
	['O', '居民服务、修理和其他服务业', '80', '82'],
	['P', '教育', '83', '83'],
	['Q', '卫生和社会工作', '84', '85'],
	['R', '文化、体育和娱乐业', '86', '90'],
	['S', '公共管理、社会保障和社会组织', '91', '96'],
	['T', '国际组织', '97', '97']
] as const;

describe('the tree', () => {
	it('has 20 sections A–T in order', () => {
		const sections = industrySections();
		expect(sections).toHaveLength(20);
		expect(sections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
	});

	it('has 97 divisions 01–97, each exactly once, contiguous in section order', () => {
		const all = industrySections().flatMap((s) => industryDivisions(s.code).map((d) => d.code));
		expect(all).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
	});

	it.each(ranges)('%s %s spans %s–%s', (code, name, first, last) => {
		const divisions = industryDivisions(code);
		expect(findIndustry(code)).toMatchObject({ level: 'section', code, name });
		expect(divisions[0]?.code).toBe(first);
		expect(divisions[divisions.length - 1]?.code).toBe(last);
		expect(divisions).toHaveLength(Number(last) - Number(first) + 1);
		for (const d of divisions) expect(d.section.code).toBe(code);
	});

	it('has no empty or padded names', () => {
		for (const s of industrySections()) {
			expect(s.name).toBe(s.name.trim());
			for (const d of industryDivisions(s.code)) expect(d.name).toMatch(/^\S+$/);
		}
	});
});

describe('division names as printed in GB/T 4754-2017', () => {
	it.each([
		['01', '农业'],
		['05', '农、林、牧、渔专业及辅助性活动'],
		['11', '开采专业及辅助性活动'],
		['13', '农副食品加工业'],
		['25', '石油、煤炭及其他燃料加工业'],
		['34', '通用设备制造业'],
		['35', '专用设备制造业'],
		['39', '计算机、通信和其他电子设备制造业'],
		['43', '金属制品、机械和设备修理业'],
		['50', '建筑装饰、装修和其他建筑业'],
		['58', '多式联运和运输代理业'],
		['59', '装卸搬运和仓储业'],
		['64', '互联网和相关服务'],
		['65', '软件和信息技术服务业'],
		['72', '商务服务业'],
		['77', '生态保护和环境治理业'],
		['81', '机动车、电子产品和日用产品修理业'],
		['87', '广播、电视、电影和录音制作业'],
		['96', '基层群众自治组织及其他组织'],
		['97', '国际组织']
	])('%s %s', (code, name) => {
		expect(findIndustry(code)).toMatchObject({ level: 'division', code, name });
	});
});

describe('findIndustry / industryPath', () => {
	it.each([
		['34', ['C 制造业', '34 通用设备制造业']],
		['C34', ['C 制造业', '34 通用设备制造业']],
		['c34', ['C 制造业', '34 通用设备制造业']],
		['３４', ['C 制造业', '34 通用设备制造业']],
		[' 65 ', ['I 信息传输、软件和信息技术服务业', '65 软件和信息技术服务业']],
		['70', ['K 房地产业', '70 房地产业']],
		['C', ['C 制造业']],
		['t', ['T 国际组织']],
		['I65', ['I 信息传输、软件和信息技术服务业', '65 软件和信息技术服务业']],
		['A34', []],
		['00', []],
		['98', []],
		['U', []],
		['3', []],
		['3410', []],
		['制造业', []],
		['', []]
	])('%j → %j', (code, path) => {
		expect(industryPath(code)).toEqual(path);
		expect(isValidIndustryCode(code)).toBe(path.length > 0);
	});
});

describe('isIndustryDivisionCode / normaliseIndustryCode', () => {
	it.each([
		['34', true, '34'],
		['C34', true, '34'],
		['C', false, 'C'],
		['3', false, '03'],
		['99', false, '99'],
		['ｃ３４', true, '34']
	])('%j → division %s, normalised %j', (code, division, normalised) => {
		expect(isIndustryDivisionCode(code)).toBe(division);
		expect(normaliseIndustryCode(code)).toBe(normalised);
	});

	it('returns an empty list for an unknown section', () => {
		expect(industryDivisions('Z')).toEqual([]);
	});

	it('hands out copies, so callers cannot corrupt the tree', () => {
		industrySections().pop();
		industryDivisions('C').pop();
		expect(industrySections()).toHaveLength(20);
		expect(industryDivisions('C')).toHaveLength(31);
	});
});
