// What the user can do with an operation the server refused for good (a 4xx
// that is not a conflict, SYNC.md design 4): it stays in the outbox, visible,
// until it is fixed and re-queued or discarded. Each action is one Dexie
// transaction, so a crash leaves the entry and its record consistent.
import * as v from 'valibot';
import { SYNCED, type AppDB, type Fields, type LocalRecord, type OutboxEntry, type SyncedCollection } from '$lib/db/app-db';
import { ATTACHMENT_PARENTS } from '$lib/domain/collections';
import { EntitySchemas } from '$lib/domain/schemas';

/** Collections whose records hang under a customer. */
const CHILDREN = [...ATTACHMENT_PARENTS, 'attachments'] as const;

/** Every table an action may touch: it runs in one transaction. */
const tablesOf = (db: AppDB) => [db.outbox, db.photos, ...SYNCED.map((c) => db.records(c))];

/** One field the server named in its refusal, with its stable code (e.g. `forbidden_id_number`). */
export interface FieldProblem {
	field: string;
	code: string;
}

/**
 * Splits an entry's `lastError` as push.ts writes it — `message · field: code · …` —
 * into the server's message and the fields it named.
 */
export function parseRejection(lastError: string | undefined): { message: string; fields: FieldProblem[] } {
	const [message = '', ...parts] = (lastError ?? '').split(' · ');
	const fields = parts.flatMap((part) => {
		const m = /^([a-z][a-z0-9_]*): ([A-Za-z0-9_]+)$/.exec(part.trim());
		return m ? [{ field: m[1]!, code: m[2]! }] : [];
	});
	return { message, fields };
}

/** The entries of one record, oldest first, without `skip`. */
async function othersOf(db: AppDB, recordId: string, skip: number): Promise<OutboxEntry[]> {
	return db.outbox
		.where('recordId')
		.equals(recordId)
		.filter((e) => e.seq !== skip)
		.sortBy('seq');
}

async function rejectedEntry(db: AppDB, seq: number): Promise<OutboxEntry> {
	const entry = await db.outbox.get(seq);
	if (!entry || entry.state !== 'rejected') throw new Error(`outbox entry ${seq} is not a rejected operation`);
	return entry;
}

/** What discarding a rejected operation removes from the device (for the confirm dialog). */
export interface DiscardPlan {
	/** The record disappears from the device (a create the server never saw). */
	removesRecord: boolean;
	/** Records created offline under it that go with it (children of a never-synced customer). */
	children: number;
	/** Photo blobs that go with them. */
	photos: number;
}

/** Local-only children of a never-synced customer: they cannot reach the server without it. */
async function orphans(db: AppDB, entry: OutboxEntry): Promise<{ collection: SyncedCollection; id: string }[]> {
	if (entry.collection !== 'customers') return [];
	const found: { collection: SyncedCollection; id: string }[] = [];
	for (const collection of CHILDREN) {
		const rows = await db.records(collection).where('customer').equals(entry.recordId).toArray();
		for (const row of rows) if (!row._base) found.push({ collection, id: row.id });
	}
	return found;
}

async function planOf(db: AppDB, entry: OutboxEntry) {
	const record = await db.records(entry.collection).get(entry.recordId);
	const others = await othersOf(db, entry.recordId, entry.seq!);
	const removesRecord = !record?._base && !others.some((e) => e.kind === 'create');
	const children = removesRecord ? await orphans(db, entry) : [];
	const photoIds = [
		...(removesRecord && entry.collection === 'attachments' ? [entry.recordId] : []),
		...children.filter((c) => c.collection === 'attachments').map((c) => c.id)
	];
	const photos = (await db.photos.bulkGet(photoIds)).filter(Boolean).length;
	return { record, others, removesRecord, children, photoIds, photos };
}

/** What {@link discardRejected} would remove; read-only. */
export async function discardPlan(db: AppDB, seq: number): Promise<DiscardPlan> {
	const entry = await rejectedEntry(db, seq);
	const plan = await planOf(db, entry);
	return { removesRecord: plan.removesRecord, children: plan.children.length, photos: plan.photos };
}

/**
 * Drops a rejected operation. The record goes back to its last confirmed copy
 * (`_base`) with the record's other outbox entries still on top; a create the
 * server never saw removes the record, its photo, and the records created
 * offline under it (with their entries and photos). Nothing is sent.
 */
export async function discardRejected(db: AppDB, seq: number): Promise<void> {
	await db.transaction('rw', tablesOf(db), async () => {
		const entry = await rejectedEntry(db, seq);
		const table = db.records(entry.collection);
		const { record, others, removesRecord, children, photoIds } = await planOf(db, entry);
		await db.outbox.delete(seq);
		if (removesRecord) {
			await table.delete(entry.recordId);
			for (const child of children) {
				await db.records(child.collection).delete(child.id);
				await db.outbox.where('recordId').equals(child.id).delete();
			}
			await db.photos.bulkDelete(photoIds);
			return;
		}
		const base = record?._base ?? {};
		const next: LocalRecord = {
			...base,
			...Object.assign({}, ...others.map((e) => e.patch)),
			id: entry.recordId,
			_base: record?._base ?? null,
			_state: others.some((e) => e.state === 'rejected') ? 'rejected' : others.length ? 'pending' : 'synced'
		};
		await table.put(next);
	});
}

/** The outcome of {@link fixRejected}: re-queued, or the fields that are still wrong (codes by field). */
export type FixResult = { ok: true } | { ok: false; issues: Record<string, string[]> };

/** Whether a collection has a write schema (all synced collections do today). */
function schemaOf(collection: SyncedCollection): v.GenericSchema | undefined {
	return (EntitySchemas as Record<string, v.GenericSchema | undefined>)[collection];
}

/**
 * Applies the user's corrections to a rejected operation and queues it again
 * (attempts back to 0), so the next sync pushes it. The record after the fix
 * is checked with the domain schema first; issues on the fields this
 * operation writes are returned instead, and nothing changes.
 */
export async function fixRejected(db: AppDB, seq: number, changes: Fields): Promise<FixResult> {
	return db.transaction('rw', tablesOf(db), async (): Promise<FixResult> => {
		const entry = await rejectedEntry(db, seq);
		const table = db.records(entry.collection);
		const record = await table.get(entry.recordId);
		const patch = { ...entry.patch, ...changes };

		const schema = schemaOf(entry.collection);
		let normalised: Fields = changes;
		if (schema) {
			const candidate = entry.kind === 'create' ? { ...patch, id: entry.recordId } : { ...localContent(record), ...patch, id: entry.recordId };
			const result = v.safeParse(schema, candidate);
			if (!result.success) {
				const nested = (v.flatten(result.issues).nested ?? {}) as Record<string, string[] | undefined>;
				const issues = Object.fromEntries(
					Object.entries(nested).filter(([path, codes]) => codes?.length && path.split('.')[0]! in patch) as [string, string[]][]
				);
				if (Object.keys(issues).length) return { ok: false, issues };
			} else {
				const output = result.output as Fields;
				normalised = Object.fromEntries(Object.keys(changes).map((k) => [k, k in output ? output[k] : changes[k]]));
			}
		}

		await db.outbox.update(seq, { patch: { ...entry.patch, ...normalised }, state: 'queued', attempts: 0, lastError: undefined });
		if (record) {
			const stillRejected = (await othersOf(db, entry.recordId, seq)).some((e) => e.state === 'rejected');
			await table.put({ ...record, ...normalised, _state: stillRejected ? 'rejected' : 'pending' });
		}
		return { ok: true };
	});
}

/** A local record without its bookkeeping (what the schema judges). */
function localContent(record: LocalRecord | undefined): Fields {
	if (!record) return {};
	return Object.fromEntries(Object.entries(record).filter(([k]) => !k.startsWith('_')));
}
