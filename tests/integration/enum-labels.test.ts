// Every enumeration code the schema can store has a label in every language
// (the codes are English and stable; people read the labels).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/messages/en';
import { zhCN } from '../../src/lib/i18n/messages/zh-CN';
import { zhTW } from '../../src/lib/i18n/messages/zh-TW';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.stop();
});

it('labels every select value of the archive in zh-CN, zh-TW and en', async () => {
	const pb = await server.admin();
	const collections = await pb.collections.getFullList();
	const keys: string[] = [];
	for (const c of collections) {
		if (c.system || c.name === 'users') continue;
		for (const f of c.fields) {
			// customers.industry holds GB/T 4754 codes, labelled from the domain's industry data.
			if (f.type !== 'select' || (c.name === 'customers' && f.name === 'industry')) continue;
			for (const v of f.values as string[]) keys.push(`enum.${c.name}.${f.name}.${v}`);
		}
	}
	expect(keys.length).toBeGreaterThan(80);
	for (const messages of [zhCN, zhTW, en]) {
		const missing = keys.filter((k) => !(k in messages));
		expect(missing).toEqual([]);
	}
	// users.role is labelled as role.<code>.
	const users = collections.find((c) => c.name === 'users')!;
	for (const v of users.fields.find((f) => f.name === 'role')!.values as string[]) expect(`role.${v}` in zhCN).toBe(true);
});
