// Photos (SYNC.md design 8): the blob is kept on the device with its
// attachment record and uploaded after that record is confirmed, one request
// each, retried with the same attachment id. An upload is an update of the
// attachment (file field) under the version protocol, so a retry after a
// lost reply finds the file already there instead of uploading it twice.
import type PocketBase from 'pocketbase';
import type { AppDB, Fields } from '$lib/db/app-db';
import { createLocal } from './outbox';
import { serverFields } from './push';

/** Hex sha256 of a blob. */
export async function sha256Hex(blob: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Saves a photo with its attachment record (and the record's outbox entry)
 * in one transaction. `fields` are the attachment's (customer, kind, …).
 * A full disk aborts the whole transaction (see db/storage-errors).
 * To join an outer transaction, pass the blob's `sha256` (from sha256Hex,
 * computed before that transaction: hashing inside would commit it early).
 * @returns the attachment id
 */
export async function savePhoto(db: AppDB, fields: Fields, blob: Blob, sha256?: string): Promise<string> {
	sha256 ??= await sha256Hex(blob);
	return db.transaction('rw', [db.attachments, db.outbox, db.photos], async () => {
		const id = await createLocal(db, 'attachments', { ...fields, sha256 });
		await db.photos.add({ id, blob, sha256, uploaded: 0 });
		return id;
	});
}

/** What an upload round did. */
export interface UploadReport {
	uploaded: number;
	/** Uploads that failed this round; they are retried next time. */
	failed: number;
	/** Uploads the server refused for good (e.g. a file over its size limit); kept on the device, not retried. */
	rejected: number;
	/** True when a network failure stopped the round. */
	offline: boolean;
	lastError?: string;
}

/**
 * Uploads every photo whose attachment the server has confirmed and that has
 * no unsent edits. Stops at the first network failure (the next sync retries).
 * Blobs are read one at a time: a backlog of large photos never sits in memory at once.
 */
export async function uploadPhotos(db: AppDB, pb: PocketBase): Promise<UploadReport> {
	const report: UploadReport = { uploaded: 0, failed: 0, rejected: 0, offline: false };
	const waiting = await db.photos.where('uploaded').equals(0).primaryKeys();
	for (const id of waiting) {
		const local = await db.attachments.get(id);
		const pending = await db.outbox.where('recordId').equals(id).count();
		if (!local?._base || pending) continue; // the record goes first

		try {
			// Asked every time: after a lost reply the file may already be there,
			// and sending it again would store a second copy under a new version.
			const server = await pb.collection('attachments').getOne(id, { requestKey: null });
			let saved: Fields = server;
			if (!server.file) {
				const photo = await db.photos.get(id);
				if (!photo || photo.uploaded !== 0) continue;
				const version = Number(server.version);
				const form = new FormData();
				form.append('file', photo.blob, `${id}.${extension(photo.blob.type)}`);
				form.append('base_version', String(version));
				form.append('version', String(version + 1));
				saved = await pb.collection('attachments').update(id, form, { requestKey: null });
			}
			await db.transaction('rw', [db.photos, db.attachments, db.outbox], async () => {
				await db.photos.update(id, { uploaded: 1, error: undefined });
				// An edit made during a long upload keeps its values and its base
				// (its push then merges with this version, as in pull).
				if (await db.outbox.where('recordId').equals(id).count()) return;
				const fields = serverFields(saved);
				await db.attachments.put({ ...fields, id, _base: fields, _state: 'synced' });
			});
			report.uploaded++;
		} catch (err) {
			report.lastError = (err as Error).message;
			const status = (err as { status?: number }).status ?? 0;
			if (status === 0 || status === 429 || status >= 500) {
				report.failed++;
				report.offline = true;
				break;
			}
			if (status === 400 || status === 403 || status === 413) {
				// Refused for what it is, not for when it was sent: retrying would fail
				// the same way on every sync. The blob stays; the record shows why.
				report.rejected++;
				await db.transaction('rw', db.photos, db.attachments, async () => {
					await db.photos.update(id, { uploaded: -1, error: report.lastError });
					await db.attachments.update(id, { _state: 'rejected' });
				});
				continue;
			}
			report.failed++; // 401, 404 (not visible yet), 409 (edited meanwhile): next round
		}
	}
	return report;
}

function extension(mime: string): string {
	return mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg';
}
