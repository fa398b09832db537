// src/lib/types/pocketbase.ts must be exactly what `npm run typegen` produces
// from the current migrations: a schema change without regenerating fails CI.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths.mjs';
import { generateTypes } from '../../scripts/lib/typegen.mjs';
import { startTestServer, type TestServer } from '../helpers/server';

const TARGET = 'src/lib/types/pocketbase.ts';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.stop();
});

describe('generated PocketBase types', () => {
	it(`${TARGET} matches the migrations`, async () => {
		const generated = await generateTypes(await server.admin());
		const committed = readFileSync(path.join(root, TARGET), 'utf8');
		// toBe on strings is an exact comparison, and vitest prints the diff.
		expect(committed, `${TARGET} is stale: run \`npm run typegen\` and commit the result`).toBe(generated);
	});

	it('types every collection the app syncs, and users', async () => {
		const generated = await generateTypes(await server.admin());
		for (const name of ['Customers', 'Contacts', 'Conflicts', 'Users']) {
			expect(generated).toContain(`export interface ${name}Record {`);
		}
		expect(generated).toContain("export const CustomersKindOptions = ['company', 'person'] as const;");
		// Hidden auth fields never reach the client.
		expect(generated).not.toMatch(/\bpassword\b|\btokenKey\b/);
	});
});
