// `npm run dev`: PocketBase with automigrate on ./pb_data beside Vite with HMR.
// Vite proxies /api and /_ to PocketBase (see vite.config.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildServer } from './lib/build.mjs';
import { root } from './lib/paths.mjs';
import { startServer } from './lib/server.mjs';

buildServer();
const http = process.env.KEDANG_PB_HTTP || '127.0.0.1:8090';
const dataDir = path.resolve(process.env.KEDANG_DATA || path.join(root, 'pb_data'));
const server = await startServer({ http, dataDir, automigrate: true, stdio: 'inherit' });

const vite = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'dev'], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, KEDANG_PB_URL: server.url }
});
const stopAll = () => {
	vite.kill('SIGTERM');
	void server.stop().then(() => process.exit(0));
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
vite.on('exit', stopAll);
server.child.on('exit', () => vite.kill('SIGTERM'));
