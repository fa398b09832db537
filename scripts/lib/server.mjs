// Starts the Kedang server binary (PocketBase) and waits until it is healthy.
// Used by `npm start`, `npm run demo`, `npm run dev` and the test setup.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { hooksDir, migrationsDir, serverBinary, webBuildDir } from './paths.mjs';

/**
 * @typedef {object} ServerOptions
 * @property {string} http host:port to listen on, e.g. "127.0.0.1:8090"
 * @property {string} dataDir PocketBase data directory (created when missing)
 * @property {Record<string, string>} [env] extra environment, e.g. KEDANG_ADMIN_EMAIL
 * @property {boolean} [automigrate] write migrations for dashboard edits (dev only; default false)
 * @property {'inherit' | 'pipe'} [stdio] 'inherit' prints the server's output (default 'pipe')
 * @property {number} [timeoutMs] how long to wait for /api/health (default 30000)
 * @property {string} [publicDir] the PWA to serve (default build/)
 * @property {string} [hooks] JS hooks directory (default pb_hooks/; tests pass their own)
 */

/**
 * @typedef {object} RunningServer
 * @property {string} url base URL reachable from this machine, e.g. "http://127.0.0.1:8090"
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} output everything the server printed so far (stdio 'pipe' only)
 * @property {() => Promise<void>} stop SIGTERM, then SIGKILL after 5 s
 */

/**
 * A URL for talking to a listen address: 0.0.0.0 and [::] become loopback.
 * @param {string} http host:port
 */
export function localUrl(http) {
	const host = http.replace(/^(0\.0\.0\.0|\[::\]|):/, '127.0.0.1:');
	return `http://${host}`;
}

/**
 * A TCP port that was free a moment ago on 127.0.0.1.
 * @returns {Promise<number>}
 */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * Spawns `kedang serve` (migrations are applied on start) and resolves once
 * GET /api/health answers 200.
 * @param {ServerOptions} options
 * @returns {Promise<RunningServer>}
 */
export async function startServer({
	http,
	dataDir,
	env = {},
	automigrate = false,
	stdio = 'pipe',
	timeoutMs = 30_000,
	publicDir = webBuildDir,
	hooks = hooksDir
}) {
	mkdirSync(dataDir, { recursive: true });
	const args = [
		'serve',
		`--http=${http}`,
		`--dir=${dataDir}`,
		`--migrationsDir=${migrationsDir}`,
		`--hooksDir=${hooks}`,
		`--publicDir=${publicDir}`,
		`--automigrate=${automigrate}`,
		// PocketBase guesses "go run" (and turns on SQL logging) for binaries
		// under the temp dir, e.g. a CI clone in /tmp: say it explicitly.
		'--dev=false'
	];
	const child = spawn(serverBinary, args, {
		env: { ...process.env, ...env },
		stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) => child.once('exit', () => resolve()));

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
		await exited;
		clearTimeout(timer);
	};

	const url = localUrl(http);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`kedang serve exited with ${child.exitCode}:\n${output}`);
		}
		try {
			const res = await fetch(`${url}/api/health`);
			if (res.ok) return { url, child, output: () => output, stop };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await stop();
	throw new Error(`kedang serve did not become healthy within ${timeoutMs} ms:\n${output}`);
}
