// `npm run typegen`: regenerates src/lib/types/pocketbase.ts from the migrations.
//
// Starts the built server on a free port with a throwaway data directory (so
// the schema is exactly what pb_migrations/ produces, not whatever a local
// pb_data has drifted to), reads the schema as superuser, writes the file and
// cleans up. Builds nothing: the binary comes from `npm run build`.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PocketBase from 'pocketbase';
import { root, serverBinary } from './lib/paths.mjs';
import { freePort, startServer } from './lib/server.mjs';
import { generateTypes } from './lib/typegen.mjs';

/** Where the generated types live, relative to the repository root. */
const TARGET = 'src/lib/types/pocketbase.ts';

if (!existsSync(serverBinary)) {
	console.error(`No server binary at ${path.relative(root, serverBinary)}: run \`npm run build\` first.`);
	process.exit(1);
}

// Only this process ever signs in, and the data dir is deleted afterwards.
const admin = { email: 'typegen@kedang.local', password: randomBytes(18).toString('base64url') };
const dataDir = mkdtempSync(path.join(tmpdir(), 'kedang-typegen-'));
try {
	const server = await startServer({
		http: `127.0.0.1:${await freePort()}`,
		dataDir,
		env: { KEDANG_ADMIN_EMAIL: admin.email, KEDANG_ADMIN_PASSWORD: admin.password }
	});
	try {
		const pb = new PocketBase(server.url);
		await pb.collection('_superusers').authWithPassword(admin.email, admin.password);
		const source = await generateTypes(pb);
		const target = path.join(root, TARGET);
		const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, source);
		console.log(before === source ? `${TARGET} is up to date.` : `Wrote ${TARGET}.`);
	} finally {
		await server.stop();
	}
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}
