// What the UI shows about the device store itself (not the network): storage
// full, an upgrade waiting on an old tab, or this tab's database closed
// because a newer version took over in another tab.
import { onDbEvent } from '$lib/db/app-db';
import { storageProblem, type StorageProblem } from '$lib/db/storage-errors';

class StorageState {
	#problem = $state<StorageProblem | null>(null);

	/** The problem to show, or null. */
	get problem(): StorageProblem | null {
		return this.#problem;
	}

	/**
	 * Call with the error of a failed local write: shows a storage problem if it
	 * is one and returns it (null for other errors, which the caller reports).
	 */
	report(err: unknown): StorageProblem | null {
		const problem = storageProblem(err);
		// A closed database outranks a full disk: only a reload helps.
		if (problem && this.#problem !== 'closed') this.#problem = problem;
		return problem;
	}

	/** Hides a storage-full notice (the user freed space or read it). */
	dismiss(): void {
		if (this.#problem === 'quota') this.#problem = null;
	}

	constructor() {
		onDbEvent((event) => {
			if (event.kind === 'closed') this.#problem = 'closed';
			else if (event.kind === 'upgrade_blocked' && this.#problem !== 'closed') this.#problem = 'upgrade_blocked';
			else if (event.kind === 'ready' && this.#problem === 'upgrade_blocked') this.#problem = null;
		});
	}
}

export const storage = new StorageState();
