// Sync facts in the user's words: which record, what kind of change, why the
// server refused it. The engine's English never reaches the screen.
import type { Fields, LocalRecord, OutboxEntry } from '$lib/db/app-db';
import { i18n, t, type MessageKey } from '$lib/i18n/i18n.svelte';
import { zhCN } from '$lib/i18n/messages/zh-CN';
import { parseRejection } from '$lib/sync/rejected';

function isKey(key: string): key is MessageKey {
	return key in zhCN;
}

/** "客户 CUS202611001" / "联系人 张伟": the collection and the record's number or name. */
export function recordLabel(collection: string, record: Fields | null, patch: Fields = {}): string {
	const kind = isKey(`sync.collection.${collection}`) ? t(`sync.collection.${collection}` as MessageKey) : collection;
	const pick = (f: Fields | null) => [f?.number, f?.name, f?.contract_no, f?.field].find((v) => typeof v === 'string' && v.trim());
	return `${kind} ${(pick(record) ?? pick(patch) ?? t('sync.unnamed')) as string}`;
}

/** New / change / delete. */
export function kindLabel(entry: OutboxEntry): string {
	if (entry.kind === 'create') return t('sync.kind.create');
	return entry.patch.deleted === true ? t('sync.kind.delete') : t('sync.kind.update');
}

/** The label of a field, or a neutral word for fields without one. */
export function fieldLabel(field: string): string {
	const key = `sync.field.${field}`;
	return isKey(key) ? t(key) : t('sync.field.other');
}

/** Whether a field is free text the user can correct in the fix form. */
export function isTextField(field: string): boolean {
	return field !== 'other' && isKey(`sync.field.${field}`);
}

/** PocketBase's own validation codes, by our code (validation.<code>). */
const PB_CODES: Record<string, string> = {
	validation_required: 'required',
	validation_length_out_of_range: 'too_long',
	validation_max_text_constraint: 'too_long',
	validation_is_email: 'invalid_email',
	validation_invalid_email: 'invalid_email',
	validation_invalid_value: 'invalid_option'
};

/** One problem code in words (schema codes, server codes, PocketBase codes). */
export function problemWords(code: string): string {
	const ours = PB_CODES[code] ?? code;
	if (isKey(`validation.${ours}`)) return t(`validation.${ours}` as MessageKey);
	if (code === 'validation_not_unique') return t('sync.reason.notUnique');
	return t('sync.reason.fieldInvalid');
}

/** Why the server refused an operation, one line per field it named. */
export function rejectionLines(entry: OutboxEntry): string[] {
	const { message, fields } = parseRejection(entry.lastError);
	if (fields.length) return fields.map(({ field, code }) => t('sync.reason.field', { field: fieldLabel(field), problem: problemWords(code) }));
	// Our server hooks answer in Chinese; show that to Chinese readers only.
	const chinese = /\p{Script=Han}/u.test(message) && i18n.locale.startsWith('zh');
	return [chinese ? `${t('sync.reason.generic')}：${message}` : t('sync.reason.generic')];
}

/** A field value as text for the conflict list. */
export function valueText(value: unknown): string {
	if (value === null || value === undefined || value === '') return t('sync.conflicts.empty');
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields the fix form offers: text fields of the patch, the refused ones first. */
export function editableFields(entry: OutboxEntry, record: LocalRecord | null): string[] {
	const named = parseRejection(entry.lastError).fields.map((f) => f.field);
	const current = { ...(record ?? {}), ...entry.patch };
	const text = (f: string) => typeof current[f] === 'string' || current[f] === undefined;
	const fields = [...named.filter(text), ...Object.keys(entry.patch).filter((f) => isTextField(f) && typeof entry.patch[f] === 'string')];
	return [...new Set(fields)];
}
