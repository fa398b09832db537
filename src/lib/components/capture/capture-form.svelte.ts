// The state of the capture page: the card fields, the photo, the draft that
// keeps both while the page is open, and the save. The writing itself is the
// capture service's; this class only wires it to the form.
import { tick } from 'svelte';
import type { AppDB } from '$lib/db/app-db';
import { autosave, clearDraft, loadDraft, saveDraft } from '$lib/db/drafts';
import { storageProblem } from '$lib/db/storage-errors';
import { compressPhoto, PhotoError, type CompressedPhoto } from '$lib/photos/compress';
import { CARD_FIELDS, emptyCard, saveCard, type CardErrors, type CardValues } from '$lib/services/capture';
import { syncStatus } from '$lib/state/sync.svelte';
import type { CustomersSource } from '$lib/types/pocketbase';
import { errorMessage } from '$lib/utils/handle-error';

/** One draft for the capture form. */
export const CAPTURE_DRAFT = 'capture.card';

/** What the page tells the user after an action. */
export type Notice =
	| { kind: 'saved'; name: string }
	| { kind: 'restored' }
	| { kind: 'invalid' }
	| { kind: 'storage'; problem: 'quota' | 'upgrade_blocked' | 'closed' }
	| { kind: 'error'; message: string };

export class CaptureForm {
	values = $state<CardValues>(emptyCard());
	source = $state<CustomersSource>('exhibition');
	errors = $state<CardErrors>({});
	photo = $state.raw<CompressedPhoto | null>(null);
	photoBusy = $state(false);
	photoProblem = $state<PhotoError['problem'] | null>(null);
	saving = $state(false);
	notice = $state.raw<Notice | null>(null);

	#db: AppDB | null = null;
	#ownerId: string;
	#draft = autosave(() => this.#writeDraft());

	constructor(ownerId: string) {
		this.#ownerId = ownerId;
	}

	/** Opens the user's database and restores a draft left by an earlier visit. */
	async open(): Promise<void> {
		// The (app) layout opens the database in an effect that may run after this page's.
		await tick();
		this.#db = syncStatus.db;
		if (!this.#db) return;
		const draft = await loadDraft(this.#db, CAPTURE_DRAFT);
		if (!draft) return;
		const card = (draft.card ?? {}) as Partial<CardValues>;
		for (const field of CARD_FIELDS) this.values[field] = String(card[field] ?? '');
		if (typeof draft.source === 'string') this.source = draft.source as CustomersSource;
		if (draft.photo instanceof Blob) {
			this.photo = { blob: draft.photo, width: Number(draft.photoWidth ?? 0), height: Number(draft.photoHeight ?? 0), ms: 0 };
		}
		this.notice = { kind: 'restored' };
	}

	/** Call on every edit: the draft is saved shortly after. */
	changed(field?: keyof CardValues): void {
		if (field) delete this.errors[field];
		this.#draft.schedule();
	}

	/** Writes a pending draft now (the page is being hidden or left). */
	flush(): Promise<void> {
		return this.#draft.flush();
	}

	/** Compresses a picked photo; a refused one keeps the photo already chosen. */
	async pickPhoto(file: File): Promise<void> {
		this.photoBusy = true;
		this.photoProblem = null;
		try {
			this.photo = await compressPhoto(file);
			this.#draft.schedule();
		} catch (err) {
			this.photoProblem = err instanceof PhotoError ? err.problem : 'corrupt';
		} finally {
			this.photoBusy = false;
		}
	}

	removePhoto(): void {
		this.photo = null;
		this.photoProblem = null;
		this.#draft.schedule();
	}

	/** Saves the card on the device; the form is emptied for the next card. */
	async save(): Promise<void> {
		const db = this.#db;
		if (!db || this.saving || this.photoBusy) return;
		this.saving = true;
		this.notice = null;
		this.#draft.cancel();
		try {
			const values = $state.snapshot(this.values);
			const result = await saveCard(db, {
				card: values,
				ownerId: this.#ownerId,
				source: this.source,
				photo: this.photo?.blob ?? null,
				draftKey: CAPTURE_DRAFT
			});
			if (!result.ok) {
				this.errors = result.errors;
				this.notice = { kind: 'invalid' };
				this.#draft.schedule();
				return;
			}
			syncStatus.afterWrite();
			this.#reset();
			this.notice = { kind: 'saved', name: values.company.trim() || values.name.trim() };
		} catch (err) {
			// Nothing was written (one transaction); the draft still holds the card.
			this.#draft.schedule();
			const problem = storageProblem(err);
			this.notice = problem ? { kind: 'storage', problem } : { kind: 'error', message: errorMessage(err) ?? '' };
		} finally {
			this.saving = false;
		}
	}

	/** Empties the form and forgets the draft. */
	async clear(): Promise<void> {
		this.#draft.cancel();
		this.#reset();
		this.notice = null;
		if (this.#db) await clearDraft(this.#db, CAPTURE_DRAFT);
	}

	#reset(): void {
		this.values = emptyCard();
		this.errors = {};
		this.photo = null;
		this.photoProblem = null;
	}

	async #writeDraft(): Promise<void> {
		if (!this.#db) return;
		const photo = this.photo;
		try {
			await saveDraft(this.#db, CAPTURE_DRAFT, {
				card: $state.snapshot(this.values),
				source: this.source,
				// The compressed photo (a few hundred KB), so a closed app keeps it too.
				...(photo ? { photo: photo.blob, photoWidth: photo.width, photoHeight: photo.height } : {})
			});
		} catch (err) {
			// A draft is a convenience: a failure must not disturb typing.
			console.warn('draft not saved', err);
		}
	}
}
