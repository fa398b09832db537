// The customers list over the device copy (issue 4): newest first, without
// tombstones, each with its sync state. Full search comes with issue 6.
import type { AppDB, LocalRecord, SyncState } from '$lib/db/app-db';

export interface CustomerRow {
	id: string;
	name: string;
	state: SyncState;
	/** `YYYY-MM-DD`, if known. */
	firstContact: string;
}

/**
 * Every customer on the device that is not deleted, newest first: those not yet on
 * the server (no `created`) on top, in the order they were saved, then by `created`.
 */
export async function listCustomers(db: AppDB): Promise<CustomerRow[]> {
	const records = (await db.customers.toArray()).filter((c) => !c.deleted);
	const local = records.filter((c) => !c.created).map((c) => c.id);
	const savedAt = new Map<string, number>();
	if (local.length) {
		for (const entry of await db.outbox.where('recordId').anyOf(local).toArray()) {
			if (entry.kind === 'create') savedAt.set(entry.recordId, entry.seq ?? 0);
		}
	}
	return records.sort((a, b) => compare(a, b, savedAt)).map(toRow);
}

function compare(a: LocalRecord, b: LocalRecord, savedAt: Map<string, number>): number {
	const ca = String(a.created ?? '');
	const cb = String(b.created ?? '');
	if (!ca || !cb) {
		if (ca !== cb) return ca ? 1 : -1; // not on the server yet: first
		return (savedAt.get(b.id) ?? 0) - (savedAt.get(a.id) ?? 0);
	}
	return cb.localeCompare(ca);
}

function toRow(c: LocalRecord): CustomerRow {
	return { id: c.id, name: String(c.name ?? ''), state: c._state, firstContact: String(c.first_contact ?? '') };
}
