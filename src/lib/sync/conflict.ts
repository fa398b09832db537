// Turning a refused push into a merge (SYNC.md design 6): fields changed on
// one side merge; fields changed on both keep the server's value, and the
// losing value is kept in a `conflicts` row for the desk — never discarded.
import type { AppDB, Fields, LocalRecord, OutboxEntry } from '$lib/db/app-db';
import { newId } from './ids';
import { threeWayMerge } from './merge';
import { serverFields } from './push';

/**
 * Replaces the refused entry by a merged update based on the server's
 * version, plus one queued `conflicts` create per field both sides changed.
 * @returns the number of conflict rows written
 */
export async function resolveConflict(db: AppDB, entry: OutboxEntry, theirsRaw: Fields, userId: string): Promise<number> {
	const table = db.records(entry.collection);
	const theirs = serverFields(theirsRaw);
	return db.transaction('rw', [table, db.conflicts, db.outbox], async () => {
		const local = await table.get(entry.recordId);
		const base = local?._base ?? {};
		const others = await db.outbox
			.where('recordId')
			.equals(entry.recordId)
			.filter((e) => e.seq !== entry.seq)
			.sortBy('seq');
		// Edits queued after the refused one (typed while it was in flight) were made
		// on the same base without seeing `theirs` either: they join the merge (unsent
		// patches may be coalesced, SYNC.md design 3). Left queued, they were sent on
		// top of `theirs` as they were and silently overwrote the fields the other
		// side had changed, with no conflicts row (SYNC.md failure test 6).
		const later = others.filter((e) => e.state === 'queued');
		const laterEdits = others.filter((e) => e.state !== 'queued'); // rejected: stay visible on the record
		const mine: Fields = Object.assign({ ...base, ...entry.patch }, ...later.map((e) => e.patch));
		const { merged, patch, conflicts } = threeWayMerge(base, mine, theirs);

		await db.outbox.bulkDelete([entry.seq!, ...later.map((e) => e.seq!)]);
		const record: LocalRecord = {
			...merged,
			...Object.fromEntries(laterEdits.flatMap((e) => Object.entries(e.patch))),
			id: entry.recordId,
			_base: theirs,
			_state: conflicts.length ? 'conflict' : Object.keys(patch).length || laterEdits.length ? 'pending' : 'synced'
		};
		await table.put(record);
		if (Object.keys(patch).length) {
			await db.outbox.add({
				opId: newId(),
				collection: entry.collection,
				recordId: entry.recordId,
				kind: 'update',
				patch,
				baseVersion: Number(theirs.version),
				state: 'queued',
				attempts: 0,
				createdAt: Date.now()
			});
		}
		for (const c of conflicts) {
			const row = {
				customer: entry.collection === 'customers' ? entry.recordId : String(local?.customer ?? theirs.customer ?? ''),
				collection: entry.collection,
				record: entry.recordId,
				field: c.field,
				base: c.base ?? null,
				mine: c.mine ?? null,
				theirs: c.theirs ?? null,
				mine_by: userId,
				theirs_version: Number(theirs.version),
				state: 'open'
			};
			const id = newId();
			await db.conflicts.add({ ...row, id, _base: null, _state: 'pending' });
			await db.outbox.add({ opId: newId(), collection: 'conflicts', recordId: id, kind: 'create', patch: row, baseVersion: 0, state: 'queued', attempts: 0, createdAt: Date.now() });
		}
		return conflicts.length;
	});
}
