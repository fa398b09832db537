// The device's copy of the archive: one Dexie database per signed-in user
// (SYNC.md design 1), mirroring the synced collections, plus the outbox,
// photo blobs, form drafts and sync checkpoints.
import Dexie, { type EntityTable } from 'dexie';
import { SYNCED_COLLECTIONS } from '$lib/domain/collections';

/**
 * Synced collections in parent-before-child order (push and pull follow it);
 * one list, shared with the domain schemas.
 */
export const SYNCED = SYNCED_COLLECTIONS;
export type SyncedCollection = (typeof SYNCED)[number];

export type Fields = Record<string, unknown>;

/** Where a local record stands with the server. */
export type SyncState = 'synced' | 'pending' | 'conflict' | 'rejected';

/** A record as kept on the device: the fields, plus bookkeeping prefixed with _. */
export interface LocalRecord extends Fields {
	id: string;
	/** The last copy the server confirmed; null until the create is acknowledged. */
	_base: Fields | null;
	_state: SyncState;
}

/** One client operation waiting to reach the server (SYNC.md design 3). */
export interface OutboxEntry {
	/** Auto-increment: the push order (parents are written before children). */
	seq?: number;
	/** The operation id; also the id of its `sync_ops` receipt on the server. */
	opId: string;
	collection: SyncedCollection;
	recordId: string;
	kind: 'create' | 'update';
	/** Fields to write (the whole record for a create). */
	patch: Fields;
	/** The server version the patch is based on (0 for a create). */
	baseVersion: number;
	/** queued → inflight (never coalesced again) → gone, or rejected (kept, visible). */
	state: 'queued' | 'inflight' | 'rejected';
	attempts: number;
	/** The last failure in words, e.g. the server's message for a rejected op. */
	lastError?: string;
	createdAt: number;
}

export interface PhotoBlob {
	/** The attachment record id. */
	id: string;
	blob: Blob;
	sha256: string;
	/** 0 waiting, 1 on the server, -1 refused by the server (kept; see `error`). A number: booleans cannot be indexed. */
	uploaded: number;
	/** Why the server refused the upload. */
	error?: string;
}

export interface Draft {
	key: string;
	data: Fields;
	savedAt: number;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

/**
 * What happened to a device database that the user must hear about:
 * `closed` — another tab upgraded (a newer app version) or deleted it (signed
 * out), so this connection closed itself and this tab must reload;
 * `upgrade_blocked` — this tab's upgrade waits until older tabs close;
 * `ready` — the database is open (again), e.g. after a blocked upgrade.
 */
export type DbEvent = { kind: 'closed' | 'upgrade_blocked' | 'ready'; name: string };

const listeners = new Set<(event: DbEvent) => void>();

/** Subscribes to the events of every AppDB; returns the unsubscribe function. */
export function onDbEvent(listener: (event: DbEvent) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function emit(event: DbEvent) {
	for (const listener of listeners) listener(event);
}

export class AppDB extends Dexie {
	customers!: EntityTable<LocalRecord, 'id'>;
	contacts!: EntityTable<LocalRecord, 'id'>;
	interactions!: EntityTable<LocalRecord, 'id'>;
	transactions!: EntityTable<LocalRecord, 'id'>;
	payments!: EntityTable<LocalRecord, 'id'>;
	demands!: EntityTable<LocalRecord, 'id'>;
	surveys!: EntityTable<LocalRecord, 'id'>;
	risk_flags!: EntityTable<LocalRecord, 'id'>;
	attachments!: EntityTable<LocalRecord, 'id'>;
	conflicts!: EntityTable<LocalRecord, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	photos!: EntityTable<PhotoBlob, 'id'>;
	drafts!: EntityTable<Draft, 'key'>;
	meta!: EntityTable<MetaRow, 'key'>;

	constructor(name: string) {
		super(name);
		// Index only what where() uses: lists by owner/customer, duplicate checks
		// by credit code / mobile / email, the per-record sync badge.
		const child = 'id, customer, _state';
		this.version(1).stores({
			customers: 'id, owner, credit_code, name, _state',
			contacts: 'id, customer, mobile, email, _state',
			interactions: child,
			transactions: child,
			payments: child,
			demands: child,
			surveys: child,
			risk_flags: child,
			attachments: child,
			conflicts: 'id, record, _state',
			outbox: '++seq, opId, recordId, state',
			photos: 'id, uploaded',
			drafts: 'key',
			meta: 'key'
		});

		// An old tab must not hold up a newer app's upgrade, nor keep writing
		// with an outdated schema: close for good and let the UI ask for a
		// reload. `false` skips Dexie's default, which reopens on the next query.
		this.on('versionchange', () => {
			this.close();
			emit({ kind: 'closed', name: this.name });
			return false;
		});
		// Our upgrade waits on a tab that ignores versionchange (an old build);
		// IndexedDB keeps the open request pending, so we keep waiting too.
		this.on('blocked', () => emit({ kind: 'upgrade_blocked', name: this.name }));
		this.on('ready', () => emit({ kind: 'ready', name: this.name }), true);
	}

	/** The table of a synced collection. */
	records(collection: SyncedCollection): EntityTable<LocalRecord, 'id'> {
		return this[collection];
	}
}

/** The database of one user; signing out deletes it (see services/auth). */
export function openUserDb(userId: string): AppDB {
	return new AppDB(dbName(userId));
}

/** Removes a user's device copy (sign-out on a shared phone, SPEC §4.5). */
export function deleteUserDb(userId: string): Promise<void> {
	return Dexie.delete(dbName(userId));
}

function dbName(userId: string): string {
	return `kedang-${userId}`;
}
