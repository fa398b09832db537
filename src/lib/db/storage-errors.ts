// Which device-storage failure an error is, so the UI can say what to do
// instead of showing a raw IndexedDB message. Dexie wraps the browser's
// DOMException (e.g. AbortError with `inner`, BulkError with `failures`), so
// the whole chain is searched.

/**
 * A storage failure the user can act on; null for anything else.
 * `upgrade_blocked` never comes from an error (a blocked upgrade makes writes
 * wait, not fail): it arrives as an app-db event and shares the banner's words.
 */
export type StorageProblem = 'quota' | 'upgrade_blocked' | 'closed';

const QUOTA_NAMES = new Set([
	'QuotaExceededError',
	// Firefox before the standard name
	'NS_ERROR_DOM_QUOTA_REACHED',
	'NS_ERROR_FILE_NO_DEVICE_SPACE'
]);

/** Classifies an error from a Dexie/IndexedDB call. */
export function storageProblem(err: unknown): Exclude<StorageProblem, 'upgrade_blocked'> | null {
	for (const e of chain(err)) {
		const name = typeof e.name === 'string' ? e.name : '';
		// DOMException code 22 is QUOTA_EXCEEDED_ERR (older WebKit names it differently)
		if (QUOTA_NAMES.has(name) || e.code === 22) return 'quota';
		if (name === 'DatabaseClosedError' || name === 'VersionChangeError') return 'closed';
	}
	return null;
}

interface ErrorLike {
	name?: unknown;
	code?: unknown;
	inner?: unknown;
	cause?: unknown;
	failures?: unknown;
}

/** The error and everything it wraps, depth-first, without revisiting (cycles) or going deeper than 8. */
function* chain(err: unknown, depth = 0, seen = new Set<unknown>()): Generator<ErrorLike> {
	if (!err || typeof err !== 'object' || seen.has(err) || depth > 8) return;
	seen.add(err);
	const e = err as ErrorLike;
	yield e;
	yield* chain(e.inner, depth + 1, seen);
	yield* chain(e.cause, depth + 1, seen);
	const failures = Array.isArray(e.failures) ? e.failures : e.failures && typeof e.failures === 'object' ? Object.values(e.failures) : [];
	for (const f of failures) yield* chain(f, depth + 1, seen);
}
