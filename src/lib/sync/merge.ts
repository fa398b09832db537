// Per-field three-way merge (SYNC.md design 6 and 7), used when a push is
// refused because the server holds a newer version. Pure: no Dexie,
// PocketBase, Svelte or DOM, so every rule is tested with plain tables.
//
// Equality is by value, not by wire shape. PocketBase returns '' for an empty
// text or select field, null for an empty JSON field and [] for an empty
// multi-select or relation, while a form on the device may hold undefined for
// the same "nothing". Counting those as different would invent edits (and,
// where both sides touched the field, conflicts the desk has to dismiss), so:
// undefined, null, '', [] and a plain object whose every property is empty are
// all "empty" and equal to each other, at any depth, and an empty property
// equals a missing one ({ min_fen: undefined, max_fen: 500 } = { max_fen: 500 }).
// 0 and false are values, not empty: PocketBase stores them the same on both
// sides, and a budget of 0 fen or an explicit "no" is something a rep typed.

/** A record as plain field values (the shape PocketBase and Dexie both hold). */
export type Fields = Record<string, unknown>;

/** One field changed on both sides to different values; all three values are kept. */
export interface FieldConflict {
	field: string;
	base: unknown;
	mine: unknown;
	theirs: unknown;
}

/** What the merge decided. */
export interface MergeResult {
	/** The record to keep locally: `theirs` plus my changes that won. */
	merged: Fields;
	/** Fields to send on top of `theirs`: my changes that won. Empty → nothing to re-send. */
	patch: Fields;
	/** Fields where the server kept its value and mine lost; the losing value is here, never dropped. */
	conflicts: FieldConflict[];
}

/** Which fields get special treatment. */
export interface MergeOptions {
	/**
	 * Fields the server or the desk decides: changed on both sides, theirs wins
	 * without a conflict row. Replaces the default {@link SERVER_OWNED_FIELDS}.
	 */
	serverOwned?: readonly string[];
	/**
	 * Extra fields to leave out of the comparison, on top of
	 * {@link BOOKKEEPING_FIELDS} and device-only `_` fields, which are always ignored.
	 */
	ignore?: readonly string[];
}

/** Default reviewer/server-owned fields (SYNC.md 6: status, review state, owner; `number` is assigned by a hook). */
export const SERVER_OWNED_FIELDS: readonly string[] = ['review_state', 'review_note', 'owner', 'status', 'number'];

/** Sync and SDK bookkeeping, never merged: the server's copy always stands. */
export const BOOKKEEPING_FIELDS: readonly string[] = [
	'id',
	'version',
	'base_version',
	'last_op',
	'seq',
	'created',
	'updated',
	'collectionId',
	'collectionName',
	'expand'
];

/** The soft-delete flag (SYNC.md 7): an edit colliding with a delete is always a conflict. */
const DELETED = 'deleted';

function isPlainObject(v: unknown): v is Record<string, unknown> {
	if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
	const proto: unknown = Object.getPrototypeOf(v);
	return proto === Object.prototype || proto === null;
}

/** undefined, null, '', [] or a plain object with only empty properties. */
export function isEmptyValue(v: unknown): boolean {
	if (v === undefined || v === null || v === '') return true;
	if (Array.isArray(v)) return v.length === 0;
	if (isPlainObject(v)) return Object.values(v).every(isEmptyValue);
	return false;
}

/**
 * Deep equality for field values: key order does not matter, arrays compare
 * in order, and all empty values are equal (see the file comment).
 */
export function sameValue(a: unknown, b: unknown): boolean {
	if (Object.is(a, b) || a === b) return true;
	const aEmpty = isEmptyValue(a);
	const bEmpty = isEmptyValue(b);
	if (aEmpty || bEmpty) return aEmpty && bEmpty;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((x, i) => sameValue(x, b[i]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		for (const k of keys) if (!sameValue(a[k], b[k])) return false;
		return true;
	}
	if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
	return false;
}

function ignoredSet(options?: MergeOptions): (field: string) => boolean {
	const ignored = new Set([...BOOKKEEPING_FIELDS, ...(options?.ignore ?? [])]);
	return (field) => ignored.has(field) || field.startsWith('_');
}

/** Non-ignored field names of the given records, in first-seen order. */
function fieldNames(records: Fields[], options?: MergeOptions): string[] {
	const isIgnored = ignoredSet(options);
	const names = new Set<string>();
	for (const r of records) for (const k of Object.keys(r)) if (!isIgnored(k)) names.add(k);
	return [...names];
}

/**
 * The fields whose value differs between `base` and `next` (by
 * {@link sameValue}), in first-seen order (`next`, then `base`). Bookkeeping
 * and device-only `_` fields are never listed. A field missing on one side
 * counts as empty, so pass whole records.
 */
export function changedFields(base: Fields, next: Fields, options?: MergeOptions): string[] {
	return fieldNames([next, base], options).filter((f) => !sameValue(base[f], next[f]));
}

const isDeleted = (r: Fields): boolean => r[DELETED] === true;

/**
 * Merges my unsent version of a record with the server's newer one, field by
 * field against the last copy the server confirmed (`base`):
 * - changed only by me → mine, also in `patch`; only by them → theirs;
 * - changed by both to the same value → theirs, nothing to report;
 * - changed by both to different values → theirs stays in `merged` and a
 *   {@link FieldConflict} keeps all three values, except for server-owned
 *   fields, where theirs wins silently;
 * - edit vs delete (SYNC.md 7), either order, is a conflict on `deleted`:
 *   they deleted and I edited → the tombstone stands, `patch` is empty (nothing
 *   is written onto a deleted record) and each of my edits that would have
 *   been sent becomes a conflict row, so the desk can restore with them;
 *   I deleted and they edited → the record stays alive, their edits stand,
 *   my other edits merge as usual.
 *
 * Pass whole records: a field missing on one side counts as empty (cleared).
 * A field I cleared to `undefined` is sent as `null`, because JSON would drop
 * undefined and the server would keep the old value.
 */
export function threeWayMerge(base: Fields, mine: Fields, theirs: Fields, options?: MergeOptions): MergeResult {
	const serverOwned = new Set(options?.serverOwned ?? SERVER_OWNED_FIELDS);
	const merged: Fields = { ...theirs };
	const patch: Fields = {};
	const conflicts: FieldConflict[] = [];
	const fields = fieldNames([mine, theirs, base], options);
	const deleteRule = fields.includes(DELETED) && !isDeleted(base);
	const theyDeleted = deleteRule && isDeleted(theirs) && !isDeleted(mine);
	const iDeleted = deleteRule && isDeleted(mine) && !isDeleted(theirs);

	let myEditsLost = 0;
	for (const field of fields) {
		if ((theyDeleted || iDeleted) && field === DELETED) continue;
		const b = base[field];
		const m = mine[field];
		const t = theirs[field];
		if (sameValue(b, m) || sameValue(m, t)) continue; // mine unchanged, or both agree: theirs stands
		if (sameValue(b, t)) {
			// Only I changed it.
			if (theyDeleted) {
				conflicts.push({ field, base: b, mine: m, theirs: t });
				myEditsLost++;
				continue;
			}
			const value = m === undefined ? null : m;
			merged[field] = value;
			patch[field] = value;
			continue;
		}
		if (serverOwned.has(field)) continue; // both changed; the server decides
		conflicts.push({ field, base: b, mine: m, theirs: t });
		myEditsLost++;
	}

	if (theyDeleted && myEditsLost > 0) {
		conflicts.unshift({ field: DELETED, base: base[DELETED], mine: mine[DELETED], theirs: theirs[DELETED] });
	}
	if (iDeleted) {
		const theyEdited = changedFields(base, theirs, options).some((f) => f !== DELETED);
		if (theyEdited) {
			conflicts.unshift({ field: DELETED, base: base[DELETED], mine: mine[DELETED], theirs: theirs[DELETED] });
		} else {
			merged[DELETED] = true;
			patch[DELETED] = true;
		}
	}
	return { merged, patch, conflicts };
}
