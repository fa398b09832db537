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
}

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
