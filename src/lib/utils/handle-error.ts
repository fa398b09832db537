// The one place that turns an error into words for the user (STYLE §8).
// PocketBase errors are recognised by shape so that this module does not
// depend on the SDK.
import { t, type MessageKey } from '$lib/i18n/i18n.svelte';

interface ResponseErrorLike {
	status: number;
	isAbort?: boolean;
	response?: { data?: Record<string, { message?: string }> };
}

function isResponseError(err: unknown): err is ResponseErrorLike {
	return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}

/** True for cancelled requests, which are never shown to the user. */
export function isAbort(err: unknown): boolean {
	if (err instanceof DOMException && err.name === 'AbortError') return true;
	return isResponseError(err) && err.isAbort === true;
}

/**
 * The message to show for `err`. `overrides` maps HTTP statuses to the message
 * a caller wants instead (e.g. 400 → 'login.failed'). Returns null for aborts.
 */
export function errorMessage(err: unknown, overrides: Partial<Record<number, MessageKey>> = {}): string | null {
	if (isAbort(err)) return null;
	if (isResponseError(err)) {
		const override = overrides[err.status];
		if (override) return t(override);
		if (err.status === 0) return t('error.network');
		if (err.status === 401 || err.status === 403) return t('error.forbidden');
		if (err.status === 400) return t('error.invalid');
		if (err.status >= 500 || err.status === 429) return t('error.server', { status: err.status });
	}
	if (err instanceof TypeError) return t('error.network');
	return t('error.unknown', { message: err instanceof Error ? err.message : String(err) });
}

/** Field errors of a PocketBase 400 reply, by field name (for forms). */
export function fieldErrors(err: unknown): Record<string, string> {
	if (!isResponseError(err) || err.status !== 400) return {};
	const data = err.response?.data ?? {};
	return Object.fromEntries(Object.entries(data).map(([field, e]) => [field, e?.message ?? '']));
}
