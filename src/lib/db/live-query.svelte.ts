// The one adapter from Dexie's liveQuery to runes (STYLE §5): a view reads
// `current`, `isLoading` and `error`, and re-renders when the tables it read change.
import { liveQuery } from 'dexie';

export class LiveQuery<S, T> {
	#current = $state.raw<T | undefined>(undefined);
	#loading = $state(true);
	#error = $state.raw<unknown>(null);

	/**
	 * Must be created during component init. `source` is read reactively (e.g. the
	 * user's database, which may open after the view); `query` runs against it again
	 * whenever the data it read changes.
	 */
	constructor(source: () => S | null | undefined, query: (source: S) => Promise<T>) {
		$effect(() => {
			const from = source();
			if (from === null || from === undefined) return;
			const subscription = liveQuery(() => query(from)).subscribe({
				next: (value) => {
					this.#current = value;
					this.#error = null;
					this.#loading = false;
				},
				error: (err) => {
					this.#error = err;
					this.#loading = false;
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	get current(): T | undefined {
		return this.#current;
	}
	get isLoading(): boolean {
		return this.#loading;
	}
	get error(): unknown {
		return this.#error;
	}
}
