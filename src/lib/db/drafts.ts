// Form drafts (issue 4): what the user typed is kept on the device while a
// form is open, so a closed app, a dead battery or a reload loses nothing.
// Stored in the `drafts` table by key (one draft per form), never synced.
import type { AppDB, Fields } from './app-db';

/** Auto-save delay after the last change, in milliseconds. */
export const DRAFT_DELAY_MS = 500;

/** The draft saved under `key`, or null. */
export async function loadDraft(db: AppDB, key: string): Promise<Fields | null> {
	return (await db.drafts.get(key))?.data ?? null;
}

/** Saves (replaces) the draft under `key`. Blobs (a photo) are stored as they are. */
export async function saveDraft(db: AppDB, key: string, data: Fields): Promise<void> {
	await db.drafts.put({ key, data, savedAt: Date.now() });
}

/** Forgets the draft under `key`. */
export async function clearDraft(db: AppDB, key: string): Promise<void> {
	await db.drafts.delete(key);
}

/** A debounced writer: `schedule` after each change, `flush` when the page hides, `cancel` before a real save. */
export interface Autosave {
	schedule(): void;
	flush(): Promise<void>;
	cancel(): void;
}

/** Runs `write` {@link DRAFT_DELAY_MS} after the last `schedule()` (or at once on `flush()`). */
export function autosave(write: () => Promise<void>, delayMs = DRAFT_DELAY_MS): Autosave {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const run = () => {
		timer = undefined;
		return write();
	};
	return {
		schedule() {
			clearTimeout(timer);
			timer = setTimeout(run, delayMs);
		},
		async flush() {
			if (timer === undefined) return;
			clearTimeout(timer);
			await run();
		},
		cancel() {
			clearTimeout(timer);
			timer = undefined;
		}
	};
}
