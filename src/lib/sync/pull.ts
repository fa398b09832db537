// The puller (SYNC.md design 5): pages of (updated, id) after a checkpoint,
// re-reading a safety window before it, applied idempotently by version.
// An empty page means "nothing new", never "deleted" (an expired token reads
// as a guest and sees nothing): local rows are only ever replaced by newer
// server rows, and deletions arrive as tombstones (deleted = true).
import type PocketBase from 'pocketbase';
import type { AppDB, Fields, LocalRecord, SyncedCollection } from '$lib/db/app-db';
import { serverFields } from './push';
import { isSignedInAs, OTHER_USER } from './session';

/** Rows per page. */
export const PAGE_SIZE = 500;
/** Re-read this much before the checkpoint: commits can land out of `updated` order. */
export const SAFETY_WINDOW_MS = 5 * 60 * 1000;

interface Checkpoint {
	updated: string;
	id: string;
}

/** PocketBase datetime text "2026-11-23 10:00:00.123Z" shifted back by ms. */
export function shiftBack(updated: string, ms: number): string {
	const t = Date.parse(updated.replace(' ', 'T')) - ms;
	return new Date(t).toISOString().replace('T', ' ');
}

/**
 * Pulls every row of `collection` changed since the stored checkpoint.
 * With `userId`, throws before any page request made with another user's
 * session (see isSignedInAs), so no one else's rows land in this database.
 * @returns the number of rows applied (newer than what the device had)
 */
export async function pullCollection(
	db: AppDB,
	pb: PocketBase,
	collection: SyncedCollection,
	pageSize = PAGE_SIZE,
	userId?: string
): Promise<number> {
	const key = `checkpoint:${collection}`;
	const saved = (await db.meta.get(key))?.value as Checkpoint | undefined;
	let cursor: Checkpoint = saved ? { updated: shiftBack(saved.updated, SAFETY_WINDOW_MS), id: '' } : { updated: '', id: '' };
	let newest = saved;
	let applied = 0;

	for (;;) {
		if (userId !== undefined && !isSignedInAs(pb, userId)) throw new Error(OTHER_USER);
		const filter = cursor.updated
			? pb.filter('updated > {:u} || (updated = {:u} && id > {:i})', { u: cursor.updated, i: cursor.id })
			: '';
		const page = await pb.collection(collection).getList(1, pageSize, {
			filter,
			sort: 'updated,id',
			skipTotal: true,
			requestKey: null
		});
		applied += await applyRows(db, collection, page.items as Fields[]);
		const last = page.items.at(-1);
		if (last) {
			cursor = { updated: String(last.updated), id: String(last.id) };
			if (!newest || cursor.updated > newest.updated || (cursor.updated === newest.updated && cursor.id > newest.id)) newest = cursor;
		}
		if (page.items.length < pageSize) break;
	}
	if (newest) await db.meta.put({ key, value: newest });
	return applied;
}

/** Applies server rows newer than the device's confirmed copy; records with unsent edits wait for their push. */
async function applyRows(db: AppDB, collection: SyncedCollection, rows: Fields[]): Promise<number> {
	if (rows.length === 0) return 0;
	const table = db.records(collection);
	let applied = 0;
	await db.transaction('rw', table, db.outbox, async () => {
		const locals = await table.bulkGet(rows.map((r) => String(r.id)));
		const pending = new Set(
			(await db.outbox.where('recordId').anyOf(rows.map((r) => String(r.id))).toArray()).map((e) => e.recordId)
		);
		const puts: LocalRecord[] = [];
		rows.forEach((row, i) => {
			const local = locals[i];
			const server = serverFields(row);
			if (local?._base && Number(local._base.version) >= Number(server.version)) return;
			// With unsent edits the device keeps its values AND its base: the push then
			// sends the old base_version, meets a 409 and three-way merges against the
			// copy the user actually edited. (Moving _base to this row made the push
			// rebase onto it and silently overwrite whatever the server changed in the
			// same fields — no conflicts row; SYNC.md failure test 5.)
			if (local && pending.has(local.id)) return;
			applied++;
			puts.push({ ...server, id: String(server.id), _base: server, _state: 'synced' });
		});
		await table.bulkPut(puts);
	});
	return applied;
}
