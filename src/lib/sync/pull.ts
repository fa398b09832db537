// The puller (SYNC.md design 5): pages of (updated, id) after a checkpoint,
// re-reading a safety window before it, applied idempotently by version.
// An empty page means "nothing new", never "deleted" (an expired token reads
// as a guest and sees nothing): local rows are only ever replaced by newer
// server rows, and deletions arrive as tombstones (deleted = true).
import type PocketBase from 'pocketbase';
import type { AppDB, Fields, LocalRecord, SyncedCollection } from '$lib/db/app-db';
import { serverFields } from './push';

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
 * @returns the number of rows applied (newer than what the device had)
 */
export async function pullCollection(db: AppDB, pb: PocketBase, collection: SyncedCollection, pageSize = PAGE_SIZE): Promise<number> {
	const key = `checkpoint:${collection}`;
	const saved = (await db.meta.get(key))?.value as Checkpoint | undefined;
	let cursor: Checkpoint = saved ? { updated: shiftBack(saved.updated, SAFETY_WINDOW_MS), id: '' } : { updated: '', id: '' };
	let newest = saved;
	let applied = 0;

	for (;;) {
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

/** Applies server rows newer than the device's confirmed copy; local edits stay on top. */
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
			applied++;
			// With unsent edits the device keeps its values; the next push merges against this base.
			puts.push(
				local && pending.has(local.id)
					? { ...local, _base: server }
					: { ...server, id: String(server.id), _base: server, _state: 'synced' }
			);
		});
		await table.bulkPut(puts);
	});
	return applied;
}
