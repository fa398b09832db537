// Service-worker registration and the "new version — reload" offer.
// A new worker installs in the background and waits; it takes over only when
// the user accepts, so a form being filled in is never reloaded under them.
const CHECK_EVERY_MS = 60 * 60 * 1000; // look for a new version hourly

class AppUpdate {
	#waiting = $state<ServiceWorker | null>(null);

	/** True when a new version is installed and waiting for the user. */
	get available(): boolean {
		return this.#waiting !== null;
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

	/** Activates the waiting version and reloads once it controls the page. */
	accept(): void {
		const worker = this.#waiting;
		if (!worker) return;
		navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
		worker.postMessage({ type: 'SKIP_WAITING' });
	}

	/** Hides the offer until the next check finds the version again. */
	dismiss(): void {
		this.#waiting = null;
	}
}

export const appUpdate = new AppUpdate();
