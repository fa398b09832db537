// Starts a real Kedang server (the built PocketBase binary) for one test file:
// a free port, a fresh temporary data directory, a known superuser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PocketBase from 'pocketbase';
import { fileURLToPath } from 'node:url';
import { freePort, startServer } from '../../scripts/lib/server.mjs';

const TEST_HOOKS_DIR = fileURLToPath(new URL('./pb_hooks', import.meta.url));

export const TEST_ADMIN = { email: 'admin@test.kedang', password: 'test-admin-password-1' };

export interface TestServer {
	url: string;
	dataDir: string;
	output: () => string;
	/** A fresh SDK client signed in as the superuser. */
	admin: () => Promise<PocketBase>;
	/** Stops the server; with `keepData` the data dir survives for a restart. */
	stop: (options?: { keepData?: boolean }) => Promise<void>;
}

export interface TestServerOptions {
	/** Reuse a data directory (e.g. to test a restart). */
	dataDir?: string;
	/** Environment for the binary; defaults to the test superuser's credentials. */
	env?: Record<string, string>;
	/** Serve this copy of the PWA instead of build/ (e.g. to ship a "new version"). */
	publicDir?: string;
	/**
	 * Load the test-only JS hooks of tests/helpers/pb_hooks (a server clock the
	 * test can move, a writer it can hold); see {@link setServerClock}.
	 */
	testHooks?: boolean;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
	const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'kedang-test-'));
	const env = options.env ?? { KEDANG_ADMIN_EMAIL: TEST_ADMIN.email, KEDANG_ADMIN_PASSWORD: TEST_ADMIN.password };
	const port = await freePort();
	const server = await startServer({
		http: `127.0.0.1:${port}`,
		dataDir,
		env,
		publicDir: options.publicDir,
		hooks: options.testHooks ? TEST_HOOKS_DIR : undefined
	});
	return {
		url: server.url,
		dataDir,
		output: server.output,
		admin: async () => {
			const pb = new PocketBase(server.url);
			pb.autoCancellation(false);
			await pb.collection('_superusers').authWithPassword(TEST_ADMIN.email, TEST_ADMIN.password);
			return pb;
		},
		stop: async ({ keepData = false } = {}) => {
			await server.stop();
			if (!keepData) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** A client of `url` with auto-cancellation off, optionally signed in as a user. */
export async function clientFor(url: string, user?: { email: string; password: string }): Promise<PocketBase> {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	if (user) await pb.collection('users').authWithPassword(user.email, user.password);
	return pb;
}

/**
 * How the test hooks stamp `updated` on customers (needs `testHooks`):
 * `frozen` — this exact value on every write; `shiftMs` — the server clock
 * moved by this much; `early` — stamped when the request arrives, before it
 * waits for the writer (as SYNC.md describes PocketBase doing). Read by the
 * server on every write, so a test can change it at any time.
 */
export interface ServerClock {
	frozen?: string;
	shiftMs?: number;
	early?: boolean;
}

export function setServerClock(server: TestServer, clock: ServerClock | null): void {
	writeFileSync(path.join(server.dataDir, 'test-clock.json'), JSON.stringify(clock ?? {}));
}

/** Holds PocketBase's single writer connection for `ms` (needs `testHooks`); resolves when released. */
export async function holdWriter(admin: PocketBase, ms: number): Promise<void> {
	await admin.send('/api/test/hold-writer', { method: 'POST', body: { ms }, requestKey: null });
}
