import { describe, expect, it } from 'vitest';
import { checkEmail, isPersonalMailbox, maskEmail, normaliseEmail } from '$lib/domain';

describe('checkEmail: accepts', () => {
	it.each([
		['zhangwei@xingchen-tech.com', 'zhangwei@xingchen-tech.com', false],
		['Wang.JG@HuaRuiDa.com.cn', 'Wang.JG@huaruida.com.cn', false],
		['kiichi.murata@jp.pwc.com', 'kiichi.murata@jp.pwc.com', false],
		['huang.zm@hongda-info.com.tw', 'huang.zm@hongda-info.com.tw', false],
		['hr+jobs@example.org', 'hr+jobs@example.org', false],
		['12345678@qq.com', '12345678@qq.com', true],
		['lisi_wx@163.COM', 'lisi_wx@163.com', true],
		['someone@vip.163.com', 'someone@vip.163.com', true],
		['li@gmail.com', 'li@gmail.com', true],
		['zhangsan＠qq．com', 'zhangsan@qq.com', true],
		['ｚｈａｎｇｓａｎ＠ｆｏｘｍａｉｌ．ｃｏｍ', 'zhangsan@foxmail.com', true],
		['zhangsan@qq。com', 'zhangsan@qq.com', true],
		['  zhang san@ example.cn ', 'zhangsan@example.cn', false],
		['info@例子.中国', 'info@例子.中国', false],
		['a@xn--fiqs8s.com', 'a@xn--fiqs8s.com', false]
	])('%j → %j (personal: %s)', (input, email, personal) => {
		expect(checkEmail(input)).toMatchObject({ ok: true, email, personal });
	});

	it('splits local part and domain', () => {
		expect(checkEmail('Chen.XM@Zhengde-Consult.com')).toEqual({
			ok: true,
			email: 'Chen.XM@zhengde-consult.com',
			local: 'Chen.XM',
			domain: 'zhengde-consult.com',
			personal: false
		});
	});
});

describe('checkEmail: rejects', () => {
	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['zhangsan', 'syntax'],
		['zhangsan@', 'syntax'],
		['@qq.com', 'syntax'],
		['a@b@qq.com', 'syntax'],
		['zhang..san@qq.com', 'syntax'],
		['.zhangsan@qq.com', 'syntax'],
		['zhangsan.@qq.com', 'syntax'],
		['zhangsan@qq', 'syntax'],
		['zhangsan@qq..com', 'syntax'],
		['zhangsan@-qq.com', 'syntax'],
		['zhangsan@qq.c', 'syntax'],
		['zhangsan@qq.123', 'syntax'],
		['"zhang san"@qq.com', 'syntax'],
		['user@[192.168.0.1]', 'syntax'],
		['张三@qq.com', 'syntax'],
		[`${'a'.repeat(65)}@qq.com`, 'too_long'],
		[`a@${'b'.repeat(250)}.com`, 'too_long']
	])('%j → %s', (input, reason) => {
		expect(checkEmail(input)).toEqual({ ok: false, reason });
	});
});

describe('isPersonalMailbox', () => {
	it.each([
		['qq.com', true],
		['QQ.COM', true],
		['163.com', true],
		['126.com', true],
		['sina.com', true],
		['sohu.com', true],
		['yeah.net', true],
		['139.com', true],
		['foxmail.com', true],
		['aliyun.com', true],
		['gmail.com', true],
		['outlook.com', true],
		['hotmail.com', true],
		['yahoo.com', true],
		['icloud.com', true],
		['vip.163.com', true],
		['mail.qq.com', true],
		['user@qq.com', true],
		['exmail.qq.com.cn', false],
		['huawei.com', false],
		['chinaunicom.cn', false],
		['alibaba-inc.com', false],
		['myqq.com', false],
		['163.com.cn', false],
		['', false]
	])('%j → %s', (domain, expected) => {
		expect(isPersonalMailbox(domain)).toBe(expected);
	});
});

describe('normaliseEmail', () => {
	it.each([
		[' Li@Example.COM ', 'Li@example.com'],
		['li﹫example．com', 'li@example.com'],
		['no-at-sign', 'no-at-sign']
	])('%j → %j', (input, expected) => {
		expect(normaliseEmail(input)).toBe(expected);
	});
});

describe('maskEmail', () => {
	it.each([
		['zhangsan@qq.com', 'z***n@qq.com'],
		['li@163.com', 'l***@163.com'],
		['a@b.cn', 'a***@b.cn'],
		['ZhangWei@XingChen-Tech.com', 'Z***i@xingchen-tech.com'],
		['zhangsan＠qq．com', 'z***n@qq.com'],
		['not an email', '***'],
		['@qq.com', '***']
	])('%j → %j', (input, masked) => {
		expect(maskEmail(input)).toBe(masked);
	});
});
