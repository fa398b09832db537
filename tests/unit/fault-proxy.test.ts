// The fault proxy against a tiny local server, so the sync failure tests can trust
// that a fault means exactly what it says: who saw the request, what the client got.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CAPTIVE_PORTAL_HTML, startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';

interface Seen {
	method: string;
	path: string;
	host: string;
	bytes: number;
	sha256: string;
}

// What the upstream received, uploads it saw cut off, and how many replies it finished ("committed").
const seen: Seen[] = [];
const aborted: { path: string; bytes: number }[] = [];
let committed = 0;
let upstream: http.Server;
let upstreamUrl: string;
let proxy: FaultProxy;

/** `/echo` streams the body back; `/slow-commit` finishes its reply 50 ms after the headers; anything else answers JSON. */
function upstreamHandler(req: http.IncomingMessage, res: http.ServerResponse) {
	const hash = createHash('sha256');
	let bytes = 0;
	const path = req.url ?? '/';
	if (path.startsWith('/echo')) {
		res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-upstream': 'echo' });
		req.pipe(res);
	}
	req.on('data', (chunk: Buffer) => {
		bytes += chunk.length;
		hash.update(chunk);
	});
	req.on('close', () => {
		if (!req.complete) aborted.push({ path, bytes });
	});
	req.on('end', () => {
		const entry = { method: req.method ?? '', path, host: req.headers.host ?? '', bytes, sha256: hash.digest('hex') };
		seen.push(entry);
		if (path.startsWith('/echo')) return;
		if (path.startsWith('/slow-commit')) {
			res.writeHead(201, { 'content-type': 'application/json' });
			res.write('{"part":');
			setTimeout(() => res.end('1}', () => committed++), 50);
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'json' });
		res.end(JSON.stringify(entry), () => committed++);
	});
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const bigBody = (mb: number) => Buffer.alloc(mb * 1024 * 1024, 'kedang-客档-');

/** The low-level cause of a failed fetch (undici wraps it in `TypeError: fetch failed`). */
async function fetchFailure(url: string, init?: RequestInit): Promise<Error> {
	const error = await fetch(url, init).then(
		() => undefined,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(TypeError);
	return ((error as TypeError).cause ?? error) as Error;
}

beforeAll(async () => {
	upstream = http.createServer(upstreamHandler);
	await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
	upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
	proxy = await startFaultProxy(upstreamUrl);
});
afterAll(async () => {
	await proxy?.close();
	upstream?.closeAllConnections();
	await new Promise((resolve) => upstream?.close(resolve));
});
beforeEach(() => {
	proxy.clear();
	proxy.requests.length = 0;
	seen.length = 0;
	aborted.length = 0;
	committed = 0;
});

describe('pass-through', () => {
	it('forwards a GET with its query, fixes host, and returns status and headers', async () => {
		const res = await fetch(`${proxy.url}/api/records?page=2&filter=a%20b`, { headers: { 'x-client': 'yes' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('x-upstream')).toBe('json');
		const body = (await res.json()) as Seen;
		expect(body).toMatchObject({ method: 'GET', path: '/api/records?page=2&filter=a%20b', host: new URL(upstreamUrl).host });
		expect(proxy.requests).toEqual([
			{ method: 'GET', path: '/api/records?page=2&filter=a%20b', forwarded: true, outcome: 200, bytesUp: 0 }
		]);
	});

	it('forwards a small POST body', async () => {
		const res = await fetch(`${proxy.url}/api/batch`, { method: 'POST', body: '{"requests":[]}' });
		expect(await res.json()).toMatchObject({ method: 'POST', bytes: 15, sha256: sha256(Buffer.from('{"requests":[]}')) });
	});

	it('streams a 5 MB body up and back', async () => {
		const body = bigBody(5);
		const res = await fetch(`${proxy.url}/echo`, { method: 'POST', body });
		const back = new Uint8Array(await res.arrayBuffer());
		expect(seen[0]).toMatchObject({ bytes: body.length, sha256: sha256(body) });
		expect(back.length).toBe(body.length);
		expect(sha256(back)).toBe(sha256(body));
	});

	it('forwards a multipart upload', async () => {
		const form = new FormData();
		form.append('name', '李明');
		form.append('photo', new Blob([bigBody(3)], { type: 'image/jpeg' }), 'card.jpg');
		const res = await fetch(`${proxy.url}/api/collections/attachments/records`, { method: 'POST', body: form });
		expect(res.status).toBe(200);
		expect(seen[0]!.bytes).toBeGreaterThan(3 * 1024 * 1024);
	});
});

describe('faults', () => {
	it('drop_reply: the server commits, the client sees a socket error', async () => {
		proxy.inject({ kind: 'drop_reply' });
		const cause = await fetchFailure(`${proxy.url}/slow-commit`, { method: 'POST', body: 'x' });
		expect(cause.message).toMatch(/other side closed|socket|reset/i);
		// The reply is only dropped after the upstream finished it, so the commit is already visible.
		expect(committed).toBe(1);
		expect(seen).toHaveLength(1);
		expect(proxy.requests).toEqual([
			{ method: 'POST', path: '/slow-commit', forwarded: true, outcome: 'dropped', bytesUp: 1, fault: 'drop_reply' }
		]);
	});

	it('reset: the client sees a socket error and the server sees nothing', async () => {
		proxy.inject({ kind: 'reset' });
		await fetchFailure(`${proxy.url}/api/batch`, { method: 'POST', body: bigBody(1) });
		expect(seen).toHaveLength(0);
		expect(proxy.requests).toEqual([{ method: 'POST', path: '/api/batch', forwarded: false, outcome: 'reset', bytesUp: 0, fault: 'reset' }]);
	});

	it('status 503 answers with a PocketBase-shaped error, even mid-upload', async () => {
		proxy.inject({ kind: 'status', status: 503 });
		const res = await fetch(`${proxy.url}/api/batch`, { method: 'POST', body: bigBody(5) });
		expect(res.status).toBe(503);
		expect(await res.json()).toMatchObject({ status: 503 });
		expect(seen).toHaveLength(0);
		expect(proxy.requests[0]).toMatchObject({ forwarded: false, outcome: 503, fault: 'status' });
	});

	it('status 429 carries Retry-After and a custom body', async () => {
		proxy.inject({ kind: 'status', status: 429, retryAfter: 7, body: 'slow down' });
		const res = await fetch(`${proxy.url}/api/batch`);
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('7');
		expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await res.text()).toBe('slow down');
		expect(seen).toHaveLength(0);
	});

	it('captive_portal answers 200 HTML without forwarding', async () => {
		proxy.inject({ kind: 'captive_portal' });
		const res = await fetch(`${proxy.url}/api/collections/customers/records`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await res.text();
		expect(html).toBe(CAPTIVE_PORTAL_HTML);
		expect(html).toContain('登录 Wi-Fi');
		expect(seen).toHaveLength(0);
	});

	it('drop_upload: the server sees the first bytes of an aborted upload, the client a socket error', async () => {
		proxy.inject({ kind: 'drop_upload', afterBytes: 1024 * 1024 });
		const form = new FormData();
		form.append('file', new Blob([bigBody(4)], { type: 'image/jpeg' }), 'licence.jpg');
		await fetchFailure(`${proxy.url}/api/collections/attachments/records/abc`, { method: 'PATCH', body: form });
		await expect.poll(() => aborted).toEqual([{ path: '/api/collections/attachments/records/abc', bytes: 1024 * 1024 }]);
		expect(seen).toHaveLength(0);
		expect(committed).toBe(0);
		expect(proxy.requests).toEqual([
			{
				method: 'PATCH',
				path: '/api/collections/attachments/records/abc',
				forwarded: false,
				outcome: 'reset',
				bytesUp: 1024 * 1024,
				fault: 'drop_upload'
			}
		]);
	});

	it('drop_upload forwards a body shorter than the cut whole', async () => {
		proxy.inject({ kind: 'drop_upload', afterBytes: 1000 });
		const res = await fetch(`${proxy.url}/api/batch`, { method: 'POST', body: 'x'.repeat(999) });
		expect(await res.json()).toMatchObject({ bytes: 999 });
		expect(aborted).toHaveLength(0);
	});

	it('delay forwards after the delay', async () => {
		proxy.inject({ kind: 'delay', ms: 200 });
		const started = performance.now();
		const res = await fetch(`${proxy.url}/api/ping`);
		expect(res.status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(190);
		expect(seen).toHaveLength(1);
		expect(proxy.requests[0]).toMatchObject({ forwarded: true, outcome: 200, fault: 'delay' });
	});
});

describe('matching', () => {
	it('applies a fault only to the matching method and path, once', async () => {
		proxy.inject({ kind: 'reset' }, { method: 'post', path: '/api/batch' });
		expect((await fetch(`${proxy.url}/api/batch`)).status).toBe(200);
		expect((await fetch(`${proxy.url}/api/other`, { method: 'POST', body: 'x' })).status).toBe(200);
		await fetchFailure(`${proxy.url}/api/batch`, { method: 'POST', body: 'x' });
		expect((await fetch(`${proxy.url}/api/batch`, { method: 'POST', body: 'x' })).status).toBe(200);
		expect(proxy.requests.map((r) => r.outcome)).toEqual([200, 200, 'reset', 200]);
	});

	it('matches a RegExp against path and query', async () => {
		proxy.inject({ kind: 'status', status: 500 }, { path: /^\/api\/collections\/\w+\/records\?.*page=2/ });
		expect((await fetch(`${proxy.url}/api/collections/customers/records?page=1`)).status).toBe(200);
		expect((await fetch(`${proxy.url}/api/collections/customers/records?perPage=5&page=2`)).status).toBe(500);
	});

	it('a string path ignores the query', async () => {
		proxy.inject({ kind: 'status', status: 502 }, { path: '/api/records' });
		expect((await fetch(`${proxy.url}/api/records?x=1`)).status).toBe(502);
	});

	it('times applies a fault that many times; the oldest matching fault goes first', async () => {
		proxy.inject({ kind: 'status', status: 429 }, { times: 3 });
		proxy.inject({ kind: 'status', status: 500 });
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await fetch(`${proxy.url}/api/batch`)).status);
		expect(statuses).toEqual([429, 429, 429, 500, 200]);
	});
});

describe('modes', () => {
	it('offline resets every request, leaves queued faults for later, and pass restores traffic', async () => {
		proxy.inject({ kind: 'status', status: 503 });
		proxy.setMode('offline');
		await fetchFailure(`${proxy.url}/api/a`);
		await fetchFailure(`${proxy.url}/api/b`, { method: 'POST', body: 'x' });
		expect(seen).toHaveLength(0);
		proxy.setMode('pass');
		expect((await fetch(`${proxy.url}/api/c`)).status).toBe(503);
		expect((await fetch(`${proxy.url}/api/d`)).status).toBe(200);
		expect(proxy.requests).toEqual([
			{ method: 'GET', path: '/api/a', forwarded: false, outcome: 'reset', bytesUp: 0, fault: 'reset' },
			{ method: 'POST', path: '/api/b', forwarded: false, outcome: 'reset', bytesUp: 0, fault: 'reset' },
			{ method: 'GET', path: '/api/c', forwarded: false, outcome: 503, bytesUp: 0, fault: 'status' },
			{ method: 'GET', path: '/api/d', forwarded: true, outcome: 200, bytesUp: 0 }
		]);
	});

	it('captive_portal answers every request with the portal page', async () => {
		proxy.setMode('captive_portal');
		for (const path of ['/api/a', '/api/b']) expect(await (await fetch(`${proxy.url}${path}`)).text()).toBe(CAPTIVE_PORTAL_HTML);
		expect(seen).toHaveLength(0);
	});

	it('delay mode slows every request and still applies queued faults', async () => {
		proxy.setMode({ kind: 'delay', ms: 100 });
		proxy.inject({ kind: 'drop_reply' });
		const started = performance.now();
		await fetchFailure(`${proxy.url}/api/a`, { method: 'POST', body: 'x' });
		expect((await fetch(`${proxy.url}/api/b`)).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(190);
		expect(seen.map((s) => s.path)).toEqual(['/api/a', '/api/b']);
	});

	it('throttle paces request bodies and delivers them intact', async () => {
		proxy.setMode({ kind: 'throttle', bytesPerSec: 4 * 1024 * 1024 });
		const body = bigBody(2);
		const started = performance.now();
		const res = await fetch(`${proxy.url}/api/upload`, { method: 'POST', body });
		const elapsed = performance.now() - started;
		expect(await res.json()).toMatchObject({ bytes: body.length, sha256: sha256(body) });
		// 2 MB at 4 MB/s: half a second, give or take the last slice and a slow CI machine
		expect(elapsed).toBeGreaterThanOrEqual(450);
		expect(elapsed).toBeLessThan(3000);
		expect(proxy.requests[0]).toMatchObject({ forwarded: true, outcome: 200, bytesUp: body.length, fault: 'throttle' });
		// Bodiless requests are not held up.
		const quick = performance.now();
		expect((await fetch(`${proxy.url}/api/ping`)).status).toBe(200);
		expect(performance.now() - quick).toBeLessThan(200);
	});

	it('throttle with a queued drop_upload cuts the slow upload and records the fault', async () => {
		proxy.setMode({ kind: 'throttle', bytesPerSec: 8 * 1024 * 1024 });
		proxy.inject({ kind: 'drop_upload', afterBytes: 512 * 1024 }, { method: 'POST' });
		const started = performance.now();
		await fetchFailure(`${proxy.url}/api/upload`, { method: 'POST', body: bigBody(3) });
		expect(performance.now() - started).toBeGreaterThanOrEqual(50); // 512 KB at 8 MB/s ≈ 62 ms
		await expect.poll(() => aborted).toEqual([{ path: '/api/upload', bytes: 512 * 1024 }]);
		expect(proxy.requests[0]).toMatchObject({ outcome: 'reset', bytesUp: 512 * 1024, fault: 'drop_upload' });
		// The next upload goes through whole.
		expect(await (await fetch(`${proxy.url}/api/upload`, { method: 'POST', body: bigBody(1) })).json()).toMatchObject({
			bytes: 1024 * 1024
		});
	});

	it('clear drops queued faults and the mode', async () => {
		proxy.inject({ kind: 'reset' });
		proxy.setMode('offline');
		proxy.clear();
		expect((await fetch(`${proxy.url}/api/a`)).status).toBe(200);
	});
});

describe('lifecycle', () => {
	it('refuses a target off loopback', async () => {
		await expect(startFaultProxy('http://example.com')).rejects.toThrow(/loopback/);
		await expect(startFaultProxy('https://127.0.0.1:8090')).rejects.toThrow(/loopback/);
	});

	it('close() returns promptly with keep-alive and in-flight connections open', async () => {
		const other = await startFaultProxy(upstreamUrl);
		expect((await fetch(`${other.url}/api/a`)).status).toBe(200); // leaves an idle keep-alive socket
		other.inject({ kind: 'delay', ms: 60_000 });
		const stuck = fetch(`${other.url}/api/b`).catch((err: unknown) => err);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = performance.now();
		await other.close();
		expect(performance.now() - started).toBeLessThan(1000);
		expect(await stuck).toBeInstanceOf(TypeError);
	});
});
