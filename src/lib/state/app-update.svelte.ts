// Service-worker registration and the "new version — reload" offer.
// A new worker installs in the background and waits; it takes over only when
// the user accepts, so a form being filled in is never reloaded under them.
// The reload is offered only with an empty outbox (SYNC.md design 10): a new
// version may read the device store differently, so nothing unsent should
// cross the update; until then the banner says the update waits for sync.
import { syncStatus } from './sync.svelte';

const CHECK_EVERY_MS = 60 * 60 * 1000; // look for a new version hourly

class AppUpdate {
	#waiting = $state<ServiceWorker | null>(null);
	/** The offer the user put off: a "wait for sync" notice does not hide the later reload offer. */
	#dismissed = $state<'sync' | 'reload' | null>(null);

	/** True when a new version is installed and waiting. */
	get available(): boolean {
		return this.#waiting !== null;
	}

	/** What to show: the reload offer, the "after sync" notice, or nothing. */
	get offer(): 'sync' | 'reload' | null {
		if (!this.available) return null;
		const phase = this.canReload ? 'reload' : 'sync';
		return this.#dismissed === phase ? null : phase;
	}

	/** True when the new version may be activated now: nothing waits in the outbox. */
	get canReload(): boolean {
		return this.available && syncStatus.outboxEmpty;
	}

	/** Registers /service-worker.js (production builds only). */
	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const registration = await navigator.serviceWorker.register('/service-worker.js');
		const track = (worker: ServiceWorker | null) => {
			if (!worker) return;
			const update = () => {
				// Only an update: the very first install has no controller to replace.
				if (worker.state === 'installed' && navigator.serviceWorker.controller) this.#waiting = worker;
			};
			update();
			worker.addEventListener('statechange', update);
		};
		track(registration.waiting);
		registration.addEventListener('updatefound', () => track(registration.installing));
		setInterval(() => void registration.update().catch(() => {}), CHECK_EVERY_MS);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void registration.update().catch(() => {});
		});
	}

	/** Activates the waiting version and reloads once it controls the page; refused while the outbox is not empty. */
	accept(): void {
		const worker = this.#waiting;
		if (!worker || !this.canReload) return;
		navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
		worker.postMessage({ type: 'SKIP_WAITING' });
	}

	/** Hides the current offer; the reload is offered again once the outbox is empty. */
	dismiss(): void {
		this.#dismissed = this.canReload ? 'reload' : 'sync';
	}
}

export const appUpdate = new AppUpdate();
