// Builds the PWA and the server binary, each only when its sources changed.
//
// A build is skipped when the sha256 of its inputs (file paths and contents)
// equals the stamp written after the last successful build and its output exists.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root, serverBinary, stateDir, webBuildDir } from './paths.mjs';

/** Inputs of the web build, relative to the root (folders are walked). */
const WEB_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
/** Inputs of the server build. */
const SERVER_INPUTS = ['server'];

function listFiles(rel) {
	const abs = path.join(root, rel);
	if (!existsSync(abs)) return [];
	if (statSync(abs).isFile()) return [rel];
	return readdirSync(abs, { withFileTypes: true })
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap((d) => listFiles(path.join(rel, d.name)));
}

function hashInputs(inputs) {
	const hash = createHash('sha256');
	for (const rel of inputs.flatMap(listFiles)) {
		hash.update(rel).update('\0').update(readFileSync(path.join(root, rel))).update('\0');
	}
	return hash.digest('hex');
}

function run(cmd, args, env = {}) {
	const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
	}
}

/**
 * Runs `build()` unless the inputs' hash equals the stamp `name` and `output` exists.
 * @returns {boolean} whether a build ran
 */
function buildIfStale(name, inputs, output, build) {
	mkdirSync(stateDir, { recursive: true });
	const stampFile = path.join(stateDir, `${name}.stamp`);
	const hash = hashInputs(inputs);
	const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
	if (stamp === hash && existsSync(output)) return false;
	build();
	writeFileSync(stampFile, hash);
	return true;
}

/** Builds build/ with Vite (SvelteKit, adapter-static) when src/ or static/ changed. */
export function buildWeb() {
	return buildIfStale('web', WEB_INPUTS, path.join(webBuildDir, 'index.html'), () => {
		console.log('Building the PWA (vite build)…');
		run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
	});
}

/**
 * Builds .kedang/kedang from server/ when its Go sources changed.
 * GOTOOLCHAIN=auto lets Go fetch the toolchain go.mod asks for (PocketBase
 * v0.40 needs Go 1.27) through the module proxy when the local Go is older.
 */
export function buildServer() {
	return buildIfStale('server', SERVER_INPUTS, serverBinary, () => {
		console.log('Building the server (go build, first time takes a minute or two)…');
		run('go', ['-C', path.join(root, 'server'), 'build', '-trimpath', '-o', serverBinary, '.'], { GOTOOLCHAIN: 'auto' });
	});
}
