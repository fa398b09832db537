// Local writes: the record and its outbox entry change in ONE Dexie
// transaction (no network inside), so a crash leaves either both or neither.
import type { AppDB, Fields, LocalRecord, OutboxEntry, SyncedCollection } from '$lib/db/app-db';
import { newId } from './ids';

/** Fields that are bookkeeping, never part of a patch. */
const NOT_CONTENT = new Set(['id', 'version', 'base_version', 'last_op', 'created', 'updated', 'number']);

function content(fields: Fields): Fields {
	return Object.fromEntries(Object.entries(fields).filter(([k]) => !NOT_CONTENT.has(k) && !k.startsWith('_')));
}

/**
 * Creates a record on the device and queues its create. `fields` must not
 * contain id/version; the new id is returned.
 */
export async function createLocal(db: AppDB, collection: SyncedCollection, fields: Fields, id = newId()): Promise<string> {
	const data = content(fields);
	await db.transaction('rw', db.records(collection), db.outbox, async () => {
		await db.records(collection).add({ ...data, id, _base: null, _state: 'pending' });
		await db.outbox.add(entry(collection, id, 'create', data, 0));
	});
	return id;
}

/**
 * Changes fields of a local record and queues the change. A queued (not yet
 * sent) operation on the same record absorbs the patch; one in flight never
 * does, so a retried request always carries what was first sent.
 */
export async function updateLocal(db: AppDB, collection: SyncedCollection, id: string, changes: Fields): Promise<void> {
	const patch = content(changes);
	await db.transaction('rw', db.records(collection), db.outbox, async () => {
		const record = await db.records(collection).get(id);
		if (!record) throw new Error(`${collection}/${id} is not on this device`);
		// A refused operation of the record still waits for the user: keep saying so.
		const state = record._state === 'rejected' ? 'rejected' : 'pending';
		await db.records(collection).put({ ...record, ...patch, _state: state } as LocalRecord);
		const queued = await db.outbox
			.where('recordId')
			.equals(id)
			.filter((e) => e.state === 'queued')
			.last();
		if (queued) {
			await db.outbox.update(queued.seq!, { patch: { ...queued.patch, ...patch } });
			return;
		}
		// Provisional: the pusher re-reads the base from the record's confirmed copy
		// when it first sends the entry (earlier ops of the record are acked by then).
		await db.outbox.add(entry(collection, id, 'update', patch, Number(record._base?.version ?? 1)));
	});
}

/** Soft delete (SYNC.md design 7): an update with deleted = true. */
export function deleteLocal(db: AppDB, collection: SyncedCollection, id: string): Promise<void> {
	return updateLocal(db, collection, id, { deleted: true });
}

function entry(collection: SyncedCollection, recordId: string, kind: OutboxEntry['kind'], patch: Fields, baseVersion: number): OutboxEntry {
	return { opId: newId(), collection, recordId, kind, patch, baseVersion, state: 'queued', attempts: 0, createdAt: Date.now() };
}
