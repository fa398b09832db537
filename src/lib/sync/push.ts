// The pusher (SYNC.md design 4): one outbox entry per /api/batch —
// [0] the sync_ops receipt with id = opId, [1] the change with the version
// compare-and-set — retried with the same opId until the server answers.
import type PocketBase from 'pocketbase';
import type { AppDB, Fields, LocalRecord, OutboxEntry } from '$lib/db/app-db';
import { classifyPushError, type PushFailure } from './push-errors';
import { isSignedInAs, OTHER_USER, refreshSession } from './session';

/** What one push step did. */
export type PushStep =
	| { kind: 'idle' } // nothing queued
	| { kind: 'acked'; entry: OutboxEntry }
	| { kind: 'conflict'; entry: OutboxEntry; theirs: Fields }
	| { kind: 'rejected'; entry: OutboxEntry; reason: string }
	| { kind: 'retry'; entry: OutboxEntry; reason: string }
	| { kind: 'auth'; reason: string };

const NO_CANCEL = { requestKey: null } as const;

/** The next entry to send: the oldest that is queued or in flight. */
async function nextEntry(db: AppDB): Promise<OutboxEntry | undefined> {
	return db.outbox.orderBy('seq').filter((e) => e.state !== 'rejected').first();
}

/**
 * Marks the entry in flight. On its first send an update takes its base from
 * the record's confirmed copy (earlier ops of the record are acked by now);
 * from then on the entry is frozen, so retries send exactly the same thing.
 */
async function freeze(db: AppDB, entry: OutboxEntry): Promise<OutboxEntry> {
	if (entry.state === 'inflight') return entry;
	return db.transaction('rw', db.outbox, db.records(entry.collection), async () => {
		const record = await db.records(entry.collection).get(entry.recordId);
		const baseVersion = entry.kind === 'create' ? 0 : Number(record?._base?.version ?? entry.baseVersion);
		// Change only these two keys and send what is stored now: `entry` was read
		// before this transaction, and a local edit coalesced into it meanwhile
		// (updateLocal) must go out with it. Writing the stale copy back dropped
		// that edit silently (found by the chaos test, SYNC.md failure test 15).
		await db.outbox.update(entry.seq!, { state: 'inflight', baseVersion });
		return (await db.outbox.get(entry.seq!)) ?? { ...entry, state: 'inflight' as const, baseVersion };
	});
}

function changeBody(entry: OutboxEntry): Fields {
	const base = { ...entry.patch, last_op: entry.opId };
	return entry.kind === 'create'
		? { ...base, id: entry.recordId, version: 1 }
		: { ...base, base_version: entry.baseVersion, version: entry.baseVersion + 1 };
}

/**
 * Sends the oldest outbox entry once and records the outcome on the device.
 * With `userId` (the owner of `db`), nothing is sent with another user's
 * session: the step is 'auth' and the entry waits, unchanged, for its user.
 */
export async function pushOne(db: AppDB, pb: PocketBase, userId?: string): Promise<PushStep> {
	const queued = await nextEntry(db);
	if (!queued) return { kind: 'idle' };
	const entry = await freeze(db, queued);
	const otherUser = () => userId !== undefined && !isSignedInAs(pb, userId);
	// Checked with no await before send(): the SDK reads the token synchronously.
	if (otherUser()) return { kind: 'auth', reason: OTHER_USER };

	let failure: PushFailure;
	try {
		const batch = pb.createBatch();
		batch.collection('sync_ops').create({ id: entry.opId });
		if (entry.kind === 'create') batch.collection(entry.collection).create(changeBody(entry));
		else batch.collection(entry.collection).update(entry.recordId, changeBody(entry));
		const results = await batch.send(NO_CANCEL);
		const saved = Array.isArray(results) ? (results[1]?.body as Fields | undefined) : undefined;
		if (saved && typeof saved.version === 'number') {
			await acknowledge(db, entry, saved);
			return { kind: 'acked', entry };
		}
		failure = { kind: 'retry', reason: 'unexpected reply (captive portal?)' };
	} catch (err) {
		failure = classifyPushError(err);
	}

	switch (failure.kind) {
		case 'retry':
			await db.outbox.update(entry.seq!, { attempts: entry.attempts + 1, lastError: failure.reason });
			return { kind: 'retry', entry, reason: failure.reason };
		case 'auth':
			return { kind: 'auth', reason: failure.reason };
		case 'receipt_exists': {
			if (otherUser()) return { kind: 'auth', reason: OTHER_USER }; // fetched as someone else, it would read as gone
			const theirs = await fetchRecord(pb, entry);
			if (theirs) await acknowledge(db, entry, theirs);
			else await db.outbox.delete(entry.seq!);
			return { kind: 'acked', entry };
		}
		case 'refused':
			return refused(db, pb, entry, failure, otherUser);
	}
}

/** A refused change: a newer server version is a conflict; anything else is rejected, visibly. */
async function refused(
	db: AppDB,
	pb: PocketBase,
	entry: OutboxEntry,
	failure: Extract<PushFailure, { kind: 'refused' }>,
	otherUser: () => boolean
): Promise<PushStep> {
	if (entry.kind === 'update' && (failure.status === 409 || failure.status === 404)) {
		// A 404 may be an expired session read as a guest: refresh before judging.
		const session = await refreshSession(pb);
		if (session === 'auth') return { kind: 'auth', reason: 'session expired' };
		if (session === 'offline') return { kind: 'retry', entry, reason: 'network' };
		if (otherUser()) return { kind: 'auth', reason: OTHER_USER }; // the fetch must not read as someone else
		const theirs = await fetchRecord(pb, entry);
		if (theirs && Number(theirs.version) > entry.baseVersion) return { kind: 'conflict', entry, theirs };
	}
	const reason = [failure.reason, ...Object.entries(failure.fields).map(([f, c]) => `${f}: ${c}`)].join(' · ');
	await db.transaction('rw', db.outbox, db.records(entry.collection), async () => {
		await db.outbox.update(entry.seq!, { state: 'rejected', lastError: reason, attempts: entry.attempts + 1 });
		await db.records(entry.collection).update(entry.recordId, { _state: 'rejected' });
	});
	return { kind: 'rejected', entry, reason };
}

async function fetchRecord(pb: PocketBase, entry: OutboxEntry): Promise<Fields | null> {
	try {
		return (await pb.collection(entry.collection).getOne(entry.recordId, NO_CANCEL)) as Fields;
	} catch {
		return null;
	}
}

/**
 * Stores the server's copy as the record's confirmed base and removes the
 * entry. Local edits queued after this one stay on top of it.
 */
export async function acknowledge(db: AppDB, entry: OutboxEntry, saved: Fields): Promise<void> {
	const table = db.records(entry.collection);
	await db.transaction('rw', db.outbox, table, async () => {
		await db.outbox.delete(entry.seq!);
		const later = await db.outbox.where('recordId').equals(entry.recordId).count();
		const local = await table.get(entry.recordId);
		const server = serverFields(saved);
		// After a lost reply `saved` is fetched later and may already hold other
		// people's edits (version above the one this op wrote). Edits still queued
		// here never saw those: they stay based on this op's own result, so their
		// push meets a 409 and a three-way merge instead of silently overwriting
		// them (SYNC.md failure test 6).
		const ours = entry.kind === 'create' ? 1 : entry.baseVersion + 1;
		const base = Number(server.version) > ours
			? { ...(local?._base ?? {}), ...entry.patch, id: entry.recordId, number: server.number, version: ours }
			: server;
		const next: LocalRecord = later && local
			? { ...local, number: server.number, _base: base }
			: { ...server, id: entry.recordId, _base: server, _state: 'synced' };
		await table.put(next);
	});
}

/** The server record without the SDK's bookkeeping keys. */
export function serverFields(record: Fields): Fields {
	const { collectionId: _c, collectionName: _n, expand: _e, ...fields } = record;
	return fields;
}
