// The puller (SYNC.md design 5, as built): pages of rows with `seq` above a
// checkpoint, applied idempotently by version. `seq` is the server's
// commit-ordered change number (server/sync_seq.go): a larger seq always
// commits later, so `seq > checkpoint` misses nothing and needs no safety
// window — whatever the clocks on the server or the phone say.
// An empty page means "nothing new", never "deleted" (an expired token reads
// as a guest and sees nothing): local rows are only ever replaced by newer
// server rows, and deletions arrive as tombstones (deleted = true).
import type PocketBase from 'pocketbase';
import type { AppDB, Fields, LocalRecord, SyncedCollection } from '$lib/db/app-db';
import { serverFields } from './push';
import { isSignedInAs, OTHER_USER } from './session';

/** Rows per page. */
export const PAGE_SIZE = 500;

/** The stored checkpoint of one collection: the largest `seq` applied. */
interface Checkpoint {
	seq: number;
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
	const saved = (await db.meta.get(key))?.value as Partial<Checkpoint> | undefined;
	// A checkpoint of an older app version ({updated, id}) has no seq: read all again.
	let cursor = typeof saved?.seq === 'number' ? saved.seq : 0;
	const start = cursor;
	let applied = 0;

	for (;;) {
		if (userId !== undefined && !isSignedInAs(pb, userId)) throw new Error(OTHER_USER);
		const page = await pb.collection(collection).getList(1, pageSize, {
			filter: pb.filter('seq > {:s}', { s: cursor }),
			sort: 'seq',
			skipTotal: true,
			requestKey: null
		});
		applied += await applyRows(db, collection, page.items as Fields[]);
		const last = page.items.at(-1);
		if (last) cursor = Math.max(cursor, Number(last.seq));
		// Saved per page: an interrupted pull resumes where it stopped.
		if (cursor > start) await db.meta.put({ key, value: { seq: cursor } satisfies Checkpoint });
		if (page.items.length < pageSize) break;
	}
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
