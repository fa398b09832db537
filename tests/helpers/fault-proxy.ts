// A reverse proxy that sits between a sync client and a real server and breaks
// chosen requests the way networks break them: replies lost after the server
// committed, uploads cut off half-way, resets, 5xx/429, captive-portal HTML,
// slowness and thin upload bandwidth. Only `node:http`,
// so the failure tests need no dependencies and cannot reach anything but the
// loopback target they were given.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One way to break one request. */
export type Fault =
	/** Forward; wait until the upstream reply has fully arrived (the server committed), then destroy the client socket. */
	| { kind: 'drop_reply' }
	/** Destroy the client socket without forwarding. */
	| { kind: 'reset' }
	/**
	 * Reply without forwarding. `body` defaults to a PocketBase-shaped JSON error; a custom body is sent as
	 * `contentType` (default `text/plain; charset=utf-8`). `retryAfter` is in seconds.
	 */
	| { kind: 'status'; status: 500 | 502 | 503 | 429; body?: string; contentType?: string; retryAfter?: number }
	/** Reply 200 with {@link CAPTIVE_PORTAL_HTML} without forwarding, like a hotel Wi-Fi login page. */
	| { kind: 'captive_portal' }
	/** Forward after `ms` milliseconds. */
	| { kind: 'delay'; ms: number }
	/**
	 * Forward, but after `afterBytes` bytes of the request body have reached the server, destroy both
	 * connections: the server sees an aborted upload, the client a socket error (a train entering a tunnel).
	 * A shorter body is forwarded whole.
	 */
	| { kind: 'drop_upload'; afterBytes: number };

/** Which requests a queued fault applies to; every field is optional and all given ones must match. */
export interface FaultMatch {
	/** HTTP method, case-insensitive. Default: any. */
	method?: string;
	/** A string must equal the path without the query; a RegExp is tested against path + query. Default: any. */
	path?: string | RegExp;
	/** How many matching requests the fault applies to before it is used up. Default 1; `Infinity` is allowed. */
	times?: number;
}

/**
 * The state of the network between the client and the proxy, applied to every request until changed.
 * `offline` resets every request, `captive_portal` answers every request with the portal page, `delay`
 * slows every request down, `throttle` forwards request bodies at most `bytesPerSec` (a weak uplink;
 * replies are not slowed). Queued faults still apply under `delay` and `throttle`.
 */
export type ProxyMode =
	| 'pass'
	| 'offline'
	| 'captive_portal'
	| { kind: 'delay'; ms: number }
	| { kind: 'throttle'; bytesPerSec: number };

/** What happened to one request; `pending` until the proxy has decided. */
export interface ProxiedRequest {
	method: string;
	/** Path + query as the client sent it. */
	path: string;
	/** True once the upstream server answered, i.e. it certainly received the request. */
	forwarded: boolean;
	/** Status sent to the client; `reset` (not forwarded) or `dropped` (forwarded, reply thrown away). */
	outcome: number | 'reset' | 'dropped' | 'pending';
	/** Request body bytes sent on to the server so far (all of them unless the upload was cut). */
	bytesUp: number;
	/** The fault applied (the mode's equivalent for `offline`/`captive_portal`/`delay`/`throttle` modes), if any. */
	fault?: Fault['kind'] | 'throttle';
}

/** A running proxy; see {@link startFaultProxy}. */
export interface FaultProxy {
	/** `http://127.0.0.1:<port>`; point the client here instead of at the server. */
	url: string;
	/** Queues a fault for the next matching request(s). The oldest matching queued fault wins. */
	inject(fault: Fault, match?: FaultMatch): void;
	/** Sets the network state for every request until changed; `offline` and `captive_portal` leave the queue untouched. */
	setMode(mode: ProxyMode): void;
	/** Drops queued faults and goes back to `pass`. Keeps the log (empty it with `requests.length = 0`). */
	clear(): void;
	/** Every request seen, in arrival order; entries are updated in place as requests finish. */
	requests: ProxiedRequest[];
	/** Stops listening and destroys every client and upstream connection, including keep-alive ones. */
	close(): Promise<void>;
}

/** The page a captive portal serves instead of the API. */
export const CAPTIVE_PORTAL_HTML =
	'<!doctype html><html><head><title>登录 Wi-Fi</title></head>' +
	'<body><h1>请登录 Wi-Fi</h1><form><input name="phone"></form></body></html>';

// Hop-by-hop headers describe one connection, not the message, so they must not cross the proxy.
// `expect` is included because this server already answered the 100-continue itself.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect'];

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
	const out: http.OutgoingHttpHeaders = { ...headers };
	for (const name of HOP_BY_HOP) delete out[name];
	return out;
}

/** Refuses anything but plain HTTP on loopback, so a mistyped target can never send test traffic elsewhere. */
function loopbackTarget(target: string): URL {
	const url = new URL(target);
	const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
	if (url.protocol !== 'http:' || !loopback) throw new Error(`fault proxy: target must be http on loopback, got ${target}`);
	if (url.pathname !== '/' || url.search) throw new Error(`fault proxy: target must have no path, got ${target}`);
	return url;
}

function matches(match: FaultMatch, method: string, url: URL): boolean {
	if (match.method && match.method.toUpperCase() !== method) return false;
	if (typeof match.path === 'string') return match.path === url.pathname;
	if (match.path) return match.path.test(url.pathname + url.search);
	return true;
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of `target`, e.g. a test PocketBase's URL. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
	const upstream = loopbackTarget(target);
	// Keep-alive upstream so a chatty sync loop does not pile up TIME_WAIT sockets; destroyed on close.
	const agent = new http.Agent({ keepAlive: true });
	const queue: { fault: Fault; match: FaultMatch; left: number }[] = [];
	const requests: ProxiedRequest[] = [];
	const stopping = new AbortController();
	let mode: ProxyMode = 'pass';

	function take(method: string, url: URL): Fault | undefined {
		const index = queue.findIndex((entry) => matches(entry.match, method, url));
		const entry = queue[index];
		if (!entry) return undefined;
		if (--entry.left <= 0) queue.splice(index, 1);
		return entry.fault;
	}

	/**
	 * Reads the whole request body before replying, like a buffering proxy (nginx's default), so a fault
	 * reply always arrives after the upload and tests never race an early reply against the client's send.
	 */
	function replyAfterBody(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		status: number,
		headers: http.OutgoingHttpHeaders,
		body: string
	) {
		req.resume();
		req.once('end', () => res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body));
	}

	/** How `forward` treats the request body: at most `bytesPerSec`, and/or cut after `cutAfter` bytes. */
	interface BodyPolicy {
		bytesPerSec?: number;
		cutAfter?: number;
	}

	function forward(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		url: URL,
		entry: ProxiedRequest,
		drop: boolean,
		body: BodyPolicy = {}
	) {
		const upReq = http.request({
			agent,
			host: upstream.hostname.replace(/^\[|\]$/g, ''),
			port: upstream.port || 80,
			method: req.method,
			path: url.pathname + url.search,
			headers: { ...endToEnd(req.headers), host: upstream.host }
		});
		let upstreamDone = false;
		let cut = false;
		// Kept: ending the body iterator in `pump` detaches the socket from `req`.
		const socket = req.socket;
		upReq.on('response', (upRes) => {
			entry.forwarded = true;
			upRes.once('end', () => (upstreamDone = true));
			if (drop) {
				// Drain the whole reply first: only then is the server's commit certain.
				upRes.resume();
				upRes.once('end', () => {
					entry.outcome = 'dropped';
					req.socket.destroy();
				});
				return;
			}
			entry.outcome = upRes.statusCode ?? 502;
			res.writeHead(entry.outcome, endToEnd(upRes.headers));
			upRes.pipe(res);
			upRes.once('error', () => res.destroy());
		});
		upReq.on('error', () => {
			if (cut) return;
			if (res.headersSent || drop) {
				if (entry.outcome === 'pending') entry.outcome = 'reset';
				return void req.socket.destroy();
			}
			entry.outcome = 502;
			replyAfterBody(req, res, 502, { 'content-type': 'text/plain; charset=utf-8' }, 'fault proxy: upstream unreachable');
		});
		// A client that gives up must not leave the upstream request half-sent forever.
		res.once('close', () => {
			if (!res.writableFinished && !upstreamDone) upReq.destroy();
		});
		if (body.bytesPerSec === undefined && body.cutAfter === undefined) {
			req.on('data', (chunk: Buffer) => (entry.bytesUp += chunk.length));
			req.pipe(upReq);
			return;
		}
		void pump(req, upReq, entry, body).then((result) => {
			if (result !== 'cut') return; // a client or server that went away is handled like above
			// The server gets a truncated body and a closed connection, the client a dead socket.
			cut = true;
			if (entry.outcome === 'pending') entry.outcome = 'reset';
			upReq.destroy();
			socket.destroy();
		});
	}

	/**
	 * Copies the request body upstream in small slices, paced to `bytesPerSec`: `sent` when all of it went,
	 * `cut` after `cutAfter` bytes, `gone` when the client or the server closed first.
	 */
	async function pump(
		req: http.IncomingMessage,
		upReq: http.ClientRequest,
		entry: ProxiedRequest,
		body: BodyPolicy
	): Promise<'sent' | 'cut' | 'gone'> {
		const rate = body.bytesPerSec ?? Infinity;
		// ~20 slices a second keeps the pace smooth without a timer per byte.
		const slice = Number.isFinite(rate) ? Math.max(1024, Math.floor(rate / 20)) : Infinity;
		const limit = body.cutAfter ?? Infinity;
		const started = performance.now();
		const write = (data: Buffer) =>
			new Promise<boolean>((resolve) => {
				if (upReq.destroyed) return resolve(false);
				const onClose = () => resolve(false);
				upReq.once('close', onClose);
				// The callback fires once the bytes are handed to the socket, so a cut right after is exact.
				upReq.write(data, (err) => {
					upReq.off('close', onClose);
					resolve(!err);
				});
			});
		try {
			for await (const chunk of req as AsyncIterable<Buffer>) {
				for (let at = 0; at < chunk.length; ) {
					const piece = chunk.subarray(at, at + Math.min(slice, limit - entry.bytesUp));
					at += piece.length;
					if (!(await write(piece))) return 'gone';
					entry.bytesUp += piece.length;
					if (entry.bytesUp >= limit) return 'cut';
					const due = started + (entry.bytesUp / rate) * 1000;
					const wait = due - performance.now();
					if (wait > 0) await sleep(wait, undefined, { signal: stopping.signal });
				}
			}
		} catch {
			return 'gone'; // the client aborted, or the proxy is closing
		}
		upReq.end();
		return 'sent';
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const method = req.method ?? 'GET';
		// Only the path and query of the request are used: an absolute-form URL cannot redirect the proxy.
		const url = new URL(req.url ?? '/', upstream);
		const entry: ProxiedRequest = { method, path: url.pathname + url.search, forwarded: false, outcome: 'pending', bytesUp: 0 };
		requests.push(entry);

		let fault: Fault | undefined;
		let bytesPerSec: number | undefined;
		if (mode === 'offline') fault = { kind: 'reset' };
		else if (mode === 'captive_portal') fault = { kind: 'captive_portal' };
		else {
			if (typeof mode === 'object' && mode.kind === 'delay') {
				entry.fault = 'delay';
				await sleep(mode.ms, undefined, { signal: stopping.signal }).catch(() => undefined);
			} else if (typeof mode === 'object') {
				entry.fault = 'throttle';
				bytesPerSec = mode.bytesPerSec;
			}
			fault = take(method, url);
		}
		if (stopping.signal.aborted || req.socket.destroyed) return;
		if (fault) entry.fault = fault.kind;

		switch (fault?.kind) {
			case 'reset':
				entry.outcome = 'reset';
				return void req.socket.destroy();
			case 'status': {
				const contentType = fault.body === undefined ? 'application/json' : (fault.contentType ?? 'text/plain; charset=utf-8');
				const headers: http.OutgoingHttpHeaders = { 'content-type': contentType };
				if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
				const body = fault.body ?? JSON.stringify({ status: fault.status, message: 'Injected fault.', data: {} });
				entry.outcome = fault.status;
				return replyAfterBody(req, res, fault.status, headers, body);
			}
			case 'captive_portal':
				entry.outcome = 200;
				return replyAfterBody(req, res, 200, { 'content-type': 'text/html; charset=utf-8' }, CAPTIVE_PORTAL_HTML);
			case 'delay':
				await sleep(fault.ms, undefined, { signal: stopping.signal }).catch(() => undefined);
				if (stopping.signal.aborted || req.socket.destroyed) return;
				return forward(req, res, url, entry, false, { bytesPerSec });
			case 'drop_upload':
				return forward(req, res, url, entry, false, { bytesPerSec, cutAfter: fault.afterBytes });
			default:
				return forward(req, res, url, entry, fault?.kind === 'drop_reply', { bytesPerSec });
		}
	}

	const server = http.createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		inject(fault, match = {}) {
			queue.push({ fault, match, left: match.times ?? 1 });
		},
		setMode(next) {
			mode = next;
		},
		clear() {
			queue.length = 0;
			mode = 'pass';
		},
		async close() {
			stopping.abort();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			agent.destroy();
			await closed;
		}
	};
}
