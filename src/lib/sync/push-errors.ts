// Reading PocketBase replies for the pusher: which part of a batch failed and
// whether a failure is worth retrying. Duck-typed, so no SDK import is needed.

/** What to do after a failed push attempt. */
export type PushFailure =
	| { kind: 'retry'; reason: string } // network, 5xx, 429, timeout, captive portal: same opId later
	| { kind: 'auth'; reason: string } // 401/403 on the session: pause, ask to sign in
	| { kind: 'receipt_exists' } // an earlier attempt landed: fetch and move on
	| { kind: 'refused'; status: number; reason: string; fields: Record<string, string> }; // the change itself

interface ErrorLike {
	status?: number;
	message?: string;
	isAbort?: boolean;
	response?: { message?: string; data?: Record<string, unknown> };
}

type SubError = { code?: string; message?: string; response?: { status?: number; message?: string; data?: Record<string, { code?: string; message?: string }> } };

/** Classifies the error of a `[receipt, change]` batch. */
export function classifyPushError(err: unknown): PushFailure {
	const e = (err ?? {}) as ErrorLike;
	const status = typeof e.status === 'number' ? e.status : 0;
	if (status === 0 || e.isAbort) return { kind: 'retry', reason: e.message || 'network' };
	if (status === 429 || status >= 500) return { kind: 'retry', reason: `HTTP ${status}` };
	if (status === 401) return { kind: 'auth', reason: e.response?.message || 'unauthorized' };

	const requests = (e.response?.data?.requests ?? {}) as Record<string, SubError>;
	const [index, sub] = Object.entries(requests)[0] ?? [];
	if (index === '0') {
		// The receipt could not be created: its id exists, so this op was applied before.
		const idError = sub?.response?.data?.id;
		if (idError?.code === 'validation_not_unique' || idError?.code === 'validation_invalid_unique') {
			return { kind: 'receipt_exists' };
		}
		return { kind: 'refused', status: sub?.response?.status ?? status, reason: sub?.response?.message ?? 'receipt refused', fields: {} };
	}
	if (index === '1' && sub?.response) {
		const fields = Object.fromEntries(
			Object.entries(sub.response.data ?? {}).map(([field, v]) => [field, v?.code ?? v?.message ?? ''])
		);
		return { kind: 'refused', status: sub.response.status ?? status, reason: sub.response.message ?? '', fields };
	}
	// A 200 that is not our JSON (captive portal) or an unexpected shape: try later.
	return { kind: 'retry', reason: e.response?.message || e.message || `HTTP ${status}` };
}
