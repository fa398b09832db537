// The app's sync loop and what the UI shows of it (SYNC.md design 11):
// pending count, last successful sync, last problem. Sessions run on app
// start, when the network comes back, when the app becomes visible, after
// local writes (debounced) and on a timer; one tab at a time (Web Locks).
import { openUserDb, type AppDB } from '$lib/db/app-db';
import { syncWithLock, type SyncReport } from '$lib/sync/engine';
import { pb } from '$lib/sync/pb';

/** Timer between sessions while the app is open. */
const EVERY_MS = 60_000;
/** Wait after a local write, so a burst of edits goes in one session. */
const AFTER_WRITE_MS = 1_500;

class SyncStatus {
	#db: AppDB | null = null;
	#userId = '';
	#timer: ReturnType<typeof setInterval> | undefined;
	#debounce: ReturnType<typeof setTimeout> | undefined;
	#running = $state(false);
	#pending = $state(0);
	#lastSuccess = $state<number | null>(null);
	#last = $state<SyncReport | null>(null);

	get running() {
		return this.#running;
	}
	get pending() {
		return this.#pending;
	}
	get lastSuccess() {
		return this.#lastSuccess;
	}
	/** The outcome of the last session that did not end well, or null. */
	get problem(): 'offline' | 'auth' | 'error' | null {
		const o = this.#last?.outcome;
		return o === 'offline' || o === 'auth' || o === 'error' ? o : null;
	}
	/** The device database of the signed-in user. */
	get db(): AppDB | null {
		return this.#db;
	}

	/** Opens the user's database and starts the triggers. */
	start(userId: string): void {
		if (this.#userId === userId) return;
		this.stop();
		this.#userId = userId;
		this.#db = openUserDb(userId);
		void this.#db.outbox.count().then((n) => (this.#pending = n));
		void navigator.storage?.persist?.().catch(() => false);
		window.addEventListener('online', this.#onTrigger);
		document.addEventListener('visibilitychange', this.#onVisible);
		this.#timer = setInterval(this.#onTrigger, EVERY_MS);
		void this.syncNow();
	}

	/** Stops the triggers (sign-out). */
	stop(): void {
		window.removeEventListener('online', this.#onTrigger);
		document.removeEventListener('visibilitychange', this.#onVisible);
		clearInterval(this.#timer);
		clearTimeout(this.#debounce);
		this.#db?.close();
		this.#db = null;
		this.#userId = '';
	}

	/** Call after a local write: syncs shortly after. */
	afterWrite(): void {
		if (this.#db) void this.#db.outbox.count().then((n) => (this.#pending = n));
		clearTimeout(this.#debounce);
		this.#debounce = setTimeout(this.#onTrigger, AFTER_WRITE_MS);
	}

	async syncNow(): Promise<void> {
		const db = this.#db;
		if (!db || this.#running || !navigator.onLine) return;
		this.#running = true;
		try {
			const report = await syncWithLock(db, pb, this.#userId);
			this.#last = report;
			this.#pending = report.pending;
			if (report.outcome === 'ok') this.#lastSuccess = report.finishedAt;
		} catch (err) {
			console.warn('sync', err);
			this.#last = { outcome: 'error', pushed: 0, pulled: 0, conflicts: 0, rejected: 0, pending: this.#pending, finishedAt: Date.now() };
		} finally {
			this.#running = false;
		}
	}

	#onTrigger = () => void this.syncNow();
	#onVisible = () => {
		if (document.visibilityState === 'visible') void this.syncNow();
	};
}

export const syncStatus = new SyncStatus();
