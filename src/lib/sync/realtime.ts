// Realtime as a "pull now" bell (SYNC.md: SSE does not replay missed events,
// so the pull by checkpoint stays the only source of truth). Any change in a
// synced collection, and every reconnect after a drop, rings it.
import type PocketBase from 'pocketbase';
import { SYNCED } from '$lib/db/app-db';

/**
 * Subscribes to every synced collection and calls `ring` on each event.
 * Returns a stop function that can be called at any time, also before the
 * subscriptions are in place. Failures are swallowed: realtime is an extra
 * trigger, and the timer and the other triggers keep syncing without it.
 */
export function watchServer(pb: PocketBase, ring: () => void): () => void {
	let stopped = false;
	let connects = 0;
	const unsubscribers: (() => Promise<void>)[] = [];
	const keep = (unsubscribe: () => Promise<void>) => {
		if (stopped) void unsubscribe().catch(() => {});
		else unsubscribers.push(unsubscribe);
	};

	// Events sent while the connection was down are lost: pull after each reconnect.
	void pb.realtime
		.subscribe('PB_CONNECT', () => {
			if (++connects > 1 && !stopped) ring();
		})
		.then(keep)
		.catch(() => {});
	for (const collection of SYNCED) {
		void pb
			.collection(collection)
			.subscribe('*', () => {
				if (!stopped) ring();
			})
			.then(keep)
			.catch(() => {});
	}

	return () => {
		stopped = true;
		for (const unsubscribe of unsubscribers.splice(0)) void unsubscribe().catch(() => {});
	};
}
