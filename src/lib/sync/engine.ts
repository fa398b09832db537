// One sync session: refresh the sign-in, push the outbox in order, resolve
// conflicts, then pull every collection. Only one tab syncs at a time (Web
// Locks); the UI decides when (start, online, visibilitychange, after writes,
// a timer, realtime events) and shows the report.
import type PocketBase from 'pocketbase';
import { SYNCED, type AppDB } from '$lib/db/app-db';
import { resolveConflict } from './conflict';
import { uploadPhotos } from './files';
import { pullCollection, PAGE_SIZE } from './pull';
import { pushOne } from './push';
import { isSignedInAs, OTHER_USER, refreshSession } from './session';

/** How a sync session ended. */
export interface SyncReport {
	/** ok: everything pushed and pulled; offline/error: try later; auth: sign in again. */
	outcome: 'ok' | 'offline' | 'auth' | 'error' | 'busy';
	pushed: number;
	pulled: number;
	conflicts: number;
	rejected: number;
	/** Operations still on the device after this session. */
	pending: number;
	/** The last problem in plain words (not translated: the UI maps outcomes). */
	error?: string;
	finishedAt: number;
}

/** At most this many operations per session, so a session always ends. */
const MAX_STEPS = 5000;

/** Runs one sync session now (see the file comment). */
export async function syncOnce(db: AppDB, pb: PocketBase, userId: string): Promise<SyncReport> {
	const report: SyncReport = { outcome: 'ok', pushed: 0, pulled: 0, conflicts: 0, rejected: 0, pending: 0, finishedAt: 0 };
	const done = async (outcome: SyncReport['outcome'], error?: string) => {
		report.outcome = outcome;
		report.error = error;
		report.pending = await db.outbox.count();
		report.finishedAt = Date.now();
		return report;
	};

	const session = await refreshSession(pb);
	if (session !== 'ok') return done(session, session === 'auth' ? 'session expired' : 'no reply from the server');
	// This database is userId's: never push or pull it with another user's session
	// (two users on one device, SYNC.md failure test 11). The checks repeat before
	// every request because the user can switch while a session runs.
	if (!isSignedInAs(pb, userId)) return done('auth', OTHER_USER);

	for (let i = 0; i < MAX_STEPS; i++) {
		const step = await pushOne(db, pb, userId);
		if (step.kind === 'idle') break;
		if (step.kind === 'acked') report.pushed++;
		if (step.kind === 'rejected') report.rejected++;
		if (step.kind === 'auth') return done('auth', step.reason);
		if (step.kind === 'retry') return done('offline', step.reason);
		if (step.kind === 'conflict') report.conflicts += await resolveConflict(db, step.entry, step.theirs, userId);
	}

	// Photos after their records (SYNC.md design 8).
	const uploads = await uploadPhotos(db, pb);
	if (uploads.offline) return done('offline', uploads.lastError);

	try {
		for (const collection of SYNCED) report.pulled += await pullCollection(db, pb, collection, PAGE_SIZE, userId);
	} catch (err) {
		if (!isSignedInAs(pb, userId)) return done('auth', OTHER_USER);
		return done('offline', (err as Error).message);
	}
	return done('ok');
}

/**
 * syncOnce under a Web Lock named per user, so two tabs never push the same
 * outbox at once. Without Web Locks (old browsers, Node) it just runs.
 */
export async function syncWithLock(db: AppDB, pb: PocketBase, userId: string): Promise<SyncReport> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (!locks) return syncOnce(db, pb, userId);
	const result = await locks.request(`kedang-sync-${userId}`, { ifAvailable: true }, (lock) =>
		lock ? syncOnce(db, pb, userId) : null
	);
	return result ?? { outcome: 'busy', pushed: 0, pulled: 0, conflicts: 0, rejected: 0, pending: await db.outbox.count(), finishedAt: Date.now() };
}
