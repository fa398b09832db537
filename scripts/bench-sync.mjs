// `npm run bench:sync`: the sync benchmark of issue 4 against a server it
// starts itself (temp data dir, free port). Last output line is JSON:
// {"push_1000_s": …, "pull_20000_s": …, "incremental_100_ms": …}
// Scale with BENCH_SCALE (default 1; 0.1 for a quick look).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PocketBase from 'pocketbase';
import { createServer } from 'vite';
import { buildServer } from './lib/build.mjs';
import { root } from './lib/paths.mjs';
import { freePort, startServer } from './lib/server.mjs';

const scale = Number(process.env.BENCH_SCALE || 1);
const admin = { email: 'bench@kedang.local', password: `bench-${Date.now()}` };
const rep = { email: 'bench-rep@kedang.local', password: 'bench-rep-password' };

buildServer();
const dataDir = mkdtempSync(path.join(tmpdir(), 'kedang-bench-'));
const server = await startServer({
	http: `127.0.0.1:${await freePort()}`,
	dataDir,
	env: { KEDANG_ADMIN_EMAIL: admin.email, KEDANG_ADMIN_PASSWORD: admin.password }
});
// Vite loads the app's TypeScript ($lib aliases included) for this process.
const vite = await createServer({ root, server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'error' });
try {
	const pb = new PocketBase(server.url);
	await pb.collection('_superusers').authWithPassword(admin.email, admin.password);
	const user = await pb.collection('users').create({ ...rep, passwordConfirm: rep.password, name: '压测销售', role: 'rep' });
	const { runSyncBench } = await vite.ssrLoadModule('/scripts/bench/sync-bench.ts');
	const result = await runSyncBench({
		url: server.url,
		admin,
		rep: { ...rep, id: user.id },
		customers: Math.round(1000 * scale),
		photoBytes: 200 * 1024,
		pullRows: Math.round(20000 * scale),
		changed: 100,
		log: (/** @type {string} */ line) => console.log(line)
	});
	console.log(JSON.stringify(result));
} finally {
	await vite.close();
	await server.stop();
	rmSync(dataDir, { recursive: true, force: true });
}
