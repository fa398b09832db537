// The app's sync loop and what the UI shows of it (SYNC.md design 11):
// pending count, last successful sync, last problem in words. Sessions run on
// app start, when the network comes back, when the app becomes visible, after
// local writes and realtime events (debounced) and on a timer; one tab at a
// time (Web Locks).
import { liveQuery, type Subscription } from 'dexie';
import { openUserDb, type AppDB } from '$lib/db/app-db';
import { t } from '$lib/i18n/i18n.svelte';
import { syncWithLock, type SyncReport } from '$lib/sync/engine';
import { pb } from '$lib/sync/pb';
import { watchServer } from '$lib/sync/realtime';
import { OTHER_USER } from '$lib/sync/session';

/** Timer between sessions while the app is open. */
const EVERY_MS = 60_000;
/** Wait after a local write or a realtime event, so a burst goes in one session. */
const AFTER_WRITE_MS = 1_500;
/** Where the time of the last successful sync survives a reload. */
const LAST_SUCCESS_KEY = 'sync.lastSuccess';

class SyncStatus {
	// Reactive: views that open before the layout starts sync pick the database up when it opens.
	#db = $state.raw<AppDB | null>(null);
	#userId = $state('');
	#timer: ReturnType<typeof setInterval> | undefined;
	#debounce: ReturnType<typeof setTimeout> | undefined;
	#counts: Subscription | undefined;
	#stopRealtime: (() => void) | undefined;
	/** A trigger fired during a session: its changes may have missed that session's pull. */
	#again = false;
	#running = $state(false);
	#pending = $state(0);
	#rejected = $state(0);
	#counted = $state(false);
	#lastSuccess = $state<number | null>(null);
	#last = $state<SyncReport | null>(null);

	get running() {
		return this.#running;
	}
	/** Operations on the device not yet confirmed by the server, rejected ones included. */
	get pending() {
		return this.#pending;
	}
	/** True when nothing waits on the device: signed out, or the outbox was counted and is empty. */
	get outboxEmpty(): boolean {
		return this.#userId === '' || (this.#counted && this.#pending === 0);
	}
	/** Operations the server refused; they wait for the user on the sync page. */
	get rejected() {
		return this.#rejected;
	}
	get lastSuccess() {
		return this.#lastSuccess;
	}
	/** The outcome of the last session that did not end well, or null. */
	get problem(): 'offline' | 'auth' | 'error' | null {
		const o = this.#last?.outcome;
		return o === 'offline' || o === 'auth' || o === 'error' ? o : null;
	}
	/** The last problem in the user's words (never the engine's English), or null. */
	get problemText(): string | null {
		const last = this.#last;
		if (this.problem && last) return describeProblem(last);
		if (this.#rejected) return t('sync.error.rejected', { count: this.#rejected });
		return null;
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
		const db = (this.#db = openUserDb(userId));
		// Live counts: writes of any tab (forms, fix/discard, the pusher) show at once.
		this.#counts = liveQuery(() =>
			Promise.all([db.outbox.count(), db.outbox.where('state').equals('rejected').count()])
		).subscribe({
			next: ([pending, rejected]) => {
				this.#pending = pending;
				this.#rejected = rejected;
				this.#counted = true;
			},
			error: (err) => console.warn('sync counts', err)
		});
		void db.meta
			.get(LAST_SUCCESS_KEY)
			.then((row) => {
				if (typeof row?.value === 'number' && this.#db === db) this.#lastSuccess ??= row.value;
			})
			.catch(() => {});
		void navigator.storage?.persist?.().catch(() => false);
		window.addEventListener('online', this.#onTrigger);
		document.addEventListener('visibilitychange', this.#onVisible);
		this.#timer = setInterval(this.#onTrigger, EVERY_MS);
		this.#stopRealtime = watchServer(pb, () => this.#soon());
		void this.syncNow();
	}

	/** Stops the triggers (sign-out). */
	stop(): void {
		window.removeEventListener('online', this.#onTrigger);
		document.removeEventListener('visibilitychange', this.#onVisible);
		clearInterval(this.#timer);
		clearTimeout(this.#debounce);
		this.#stopRealtime?.();
		this.#stopRealtime = undefined;
		this.#counts?.unsubscribe();
		this.#counts = undefined;
		this.#db?.close();
		this.#db = null;
		this.#userId = '';
		this.#pending = 0;
		this.#rejected = 0;
		this.#counted = false;
		this.#lastSuccess = null;
		this.#last = null;
	}

	/** Call after a local write: syncs shortly after. */
	afterWrite(): void {
		this.#soon();
	}

	async syncNow(): Promise<void> {
		const db = this.#db;
		if (!db || !navigator.onLine) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = true;
		this.#again = false;
		try {
			const report = await syncWithLock(db, pb, this.#userId);
			if (this.#db !== db) return; // signed out meanwhile
			if (report.outcome !== 'busy') this.#last = report; // another tab syncs: its result is not ours to show
			this.#pending = report.pending;
			if (report.outcome === 'ok') {
				this.#lastSuccess = report.finishedAt;
				void db.meta.put({ key: LAST_SUCCESS_KEY, value: report.finishedAt }).catch(() => {});
			}
		} catch (err) {
			console.warn('sync', err);
			this.#last = { outcome: 'error', pushed: 0, pulled: 0, conflicts: 0, rejected: 0, pending: this.#pending, finishedAt: Date.now() };
		} finally {
			this.#running = false;
		}
		if (this.#again) this.#soon();
	}

	#soon(): void {
		clearTimeout(this.#debounce);
		this.#debounce = setTimeout(this.#onTrigger, AFTER_WRITE_MS);
	}

	#onTrigger = () => void this.syncNow();
	#onVisible = () => {
		if (document.visibilityState === 'visible') void this.syncNow();
	};
}

/** The words for a session that did not end well; the report's `error` picks the detail. */
function describeProblem(report: SyncReport): string {
	const error = report.error ?? '';
	if (report.outcome === 'auth') return error === OTHER_USER ? t('sync.error.otherUser') : t('sync.problem.auth');
	if (report.outcome === 'error') return t('sync.problem.error');
	const status = /HTTP (\d{3})/.exec(error)?.[1];
	if (status === '429') return t('sync.error.busy');
	if (status && status.startsWith('5')) return t('sync.error.server', { status });
	if (/captive portal/i.test(error)) return t('sync.error.portal');
	return t('sync.problem.offline');
}

export const syncStatus = new SyncStatus();
