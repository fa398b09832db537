// `npm start`: build what is stale, apply migrations and serve on KEDANG_HTTP
// (default 127.0.0.1:8090) with data in KEDANG_DATA (default ./pb_data).
// `npm run demo` (--demo): the same in ./pb_demo, wiped and re-seeded every start.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildServer, buildWeb } from './lib/build.mjs';
import { DEMO_ADMIN, demoBanner, seedDemo } from './lib/demo.mjs';
import { root } from './lib/paths.mjs';
import { startServer } from './lib/server.mjs';

const demo = process.argv.includes('--demo');
const started = Date.now();

buildWeb();
buildServer();

const http = process.env.KEDANG_HTTP || '127.0.0.1:8090';
const dataDir = demo ? path.join(root, 'pb_demo') : path.resolve(process.env.KEDANG_DATA || path.join(root, 'pb_data'));
/** @type {Record<string, string>} */
let env = {};
if (demo) {
	rmSync(dataDir, { recursive: true, force: true });
	env = { KEDANG_ADMIN_EMAIL: DEMO_ADMIN.email, KEDANG_ADMIN_PASSWORD: DEMO_ADMIN.password };
}

const server = await startServer({ http, dataDir, env, stdio: 'inherit' });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => void server.stop().then(() => process.exit(0)));
}
server.child.on('exit', (code) => process.exit(code ?? 1));

if (demo) {
	await seedDemo(server.url);
	console.log(demoBanner(server.url));
}
console.log(`客档 is serving ${server.url}/ (data in ${dataDir}); admin dashboard: ${server.url}/_/`);
console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Stop with Ctrl+C.`);
