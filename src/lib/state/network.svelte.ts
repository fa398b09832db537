// navigator.onLine as rune state. "Online" only means a network is attached;
// whether the server answers is the sync engine's business.
class Network {
	#online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

	constructor() {
		if (typeof window === 'undefined') return;
		window.addEventListener('online', () => (this.#online = true));
		window.addEventListener('offline', () => (this.#online = false));
	}

	get online(): boolean {
		return this.#online;
	}
}

export const network = new Network();
