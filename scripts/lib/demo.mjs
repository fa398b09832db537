// Demo accounts and sample data for `npm run demo` (and the e2e tests).
// These passwords are public by design: they exist only in ./pb_demo, which is
// wiped at every demo start. `npm start` never creates them.
import PocketBase from 'pocketbase';

export const DEMO_PASSWORD = 'kedang-demo';
export const DEMO_ADMIN = { email: 'admin@example.com', password: 'kedang-demo-admin' };

/** @type {Array<{ email: string, name: string, role: 'rep' | 'reviewer' | 'manager' | 'admin' }>} */
export const DEMO_USERS = [
	{ email: 'rep1@example.com', name: '李明', role: 'rep' },
	{ email: 'rep2@example.com', name: '王芳', role: 'rep' },
	{ email: 'desk@example.com', name: '陈静', role: 'reviewer' },
	{ email: 'boss@example.com', name: '张伟', role: 'manager' }
];

/**
 * Creates the demo accounts (and, as later issues add collections, sample
 * archives) through the REST API as the demo superuser.
 * @param {string} url server base URL
 */
export async function seedDemo(url) {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(DEMO_ADMIN.email, DEMO_ADMIN.password);
	for (const user of DEMO_USERS) {
		await pb.collection('users').create({
			...user,
			password: DEMO_PASSWORD,
			passwordConfirm: DEMO_PASSWORD,
			verified: true,
			emailVisibility: true
		});
	}
	// Sample archives are written by the reps themselves, through the same API
	// and rules as the app, so owners, authors and numbers are real.
	for (const [email, archives] of Object.entries(SAMPLE_ARCHIVES)) {
		const rep = new PocketBase(url);
		rep.autoCancellation(false);
		const auth = await rep.collection('users').authWithPassword(email, DEMO_PASSWORD);
		for (const { contacts, interactions, ...customer } of archives) {
			const c = await rep.collection('customers').create({ ...customer, kind: 'company', owner: auth.record.id, version: 1 });
			for (const contact of contacts) await rep.collection('contacts').create({ ...contact, customer: c.id, version: 1 });
			for (const note of interactions) {
				await rep.collection('interactions').create({ ...note, customer: c.id, followed_by: auth.record.id, version: 1 });
			}
		}
	}
}

/** A few believable archives per rep; the credit codes are made up but pass the GB 32100 check. */
const SAMPLE_ARCHIVES = {
	'rep1@example.com': [
		{
			name: '上海华信冷链物流有限公司',
			short_name: '华信冷链',
			credit_code: '91310115MA1K4B2X34',
			legal_rep: '王建国',
			address: '上海市浦东新区康桥东路 1188 号',
			industry: '54',
			scale: 'medium',
			status: 'intent',
			grade: 'vip',
			source: 'exhibition',
			first_contact: '2026-11-12',
			tags: ['物流时效敏感度:高', '信息获取偏好:主动推送'],
			review_state: 'submitted',
			contacts: [
				{ name: '张伟', title: '采购总监', role: 'decision_maker', mobile: '+8613816881234', email: 'zhangwei@huaxin-cold.cn' },
				{ name: '刘洋', title: '仓储主管', role: 'liaison', mobile: '+8613917725566' }
			],
			interactions: [
				{
					occurred_at: '2026-11-12 03:30:00.000Z',
					method: 'exhibition',
					content: '进博会展台交流，对方冷库温控设备老化，关注报警响应时效。',
					pain_points: '夜间报警无人响应',
					next_step: '寄送温控方案和报价',
					next_step_due: '2026-11-19'
				}
			]
		},
		{
			name: '苏州恒达精密机械有限公司',
			short_name: '恒达精密',
			credit_code: '91320594MA1N8C7D21',
			legal_rep: '陈志强',
			address: '江苏省苏州市工业园区星湖街 328 号',
			industry: '34',
			scale: 'small',
			status: 'potential',
			grade: 'potential',
			source: 'referral',
			referrer: '华信冷链 张伟',
			first_contact: '2026-11-18',
			review_state: 'draft',
			contacts: [{ name: '周敏', title: '总经理助理', role: 'liaison', mobile: '+8615862140088' }],
			interactions: []
		}
	],
	'rep2@example.com': [
		{
			name: '深圳市鹏程电子科技有限公司',
			short_name: '鹏程电子',
			credit_code: '91440300MA5F3G9H8F',
			legal_rep: '黄海涛',
			address: '广东省深圳市南山区科技园南区高新南七道 12 号',
			industry: '39',
			scale: 'large',
			status: 'won',
			grade: 'normal',
			source: 'website',
			first_contact: '2026-10-08',
			review_state: 'submitted',
			contacts: [{ name: '林晓燕', title: '财务经理', role: 'finance', phone: '+8675586001234' }],
			interactions: [
				{
					occurred_at: '2026-11-03 06:00:00.000Z',
					method: 'visit',
					content: '上门回访，确认第二期货款 12 月到账。',
					next_step: '月底电话确认付款',
					next_step_due: '2026-11-28'
				}
			]
		}
	]
};

/**
 * The lines `npm run demo` prints so people know how to sign in.
 * @param {string} url server base URL
 */
export function demoBanner(url) {
	return [
		'',
		`客档 demo is ready at ${url}/`,
		...DEMO_USERS.map((u) => `  ${u.email.padEnd(20)} ${DEMO_PASSWORD}   (${u.role}, ${u.name})`),
		`  superuser ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} → ${url}/_/`,
		''
	].join('\n');
}
