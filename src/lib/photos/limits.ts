// What a capture photo must be before it is decoded and after (SYNC.md design 8).
// Pure: no DOM, so the rules are unit-tested in Node.

/**
 * Files above 40 MB are refused before decoding. A phone camera JPEG is 2–15 MB (a
 * 200-megapixel one ~35 MB); anything bigger is not a card photo, and decoding it
 * would need more than a gigabyte of memory on the phone.
 */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

/** The long side of a stored photo, in px: enough for OCR of a card or a licence. */
export const MAX_EDGE = 2048;

/** The short side below which a photo is too small to read (px, after orientation). */
export const MIN_EDGE = 300;

/** JPEG quality of the stored photo (0–1). */
export const JPEG_QUALITY = 0.85;

/** Why a photo was refused; the UI says it in words (`photo.<problem>`). */
export type PhotoProblem = 'not_image' | 'too_large' | 'corrupt' | 'too_small';

/** Checks what can be known without decoding: the type and the size. */
export function checkPhotoFile(file: { type: string; size: number }): PhotoProblem | null {
	// Some pickers give no type (e.g. HEIC on older Android): let the decoder decide.
	if (file.type !== '' && (!file.type.startsWith('image/') || file.type === 'image/svg+xml')) return 'not_image';
	if (file.size > MAX_PHOTO_BYTES) return 'too_large';
	if (file.size === 0) return 'corrupt';
	return null;
}

/** The stored size of a decoded `width × height` image: the long side at most `max`, never enlarged. */
export function fitWithin(width: number, height: number, max = MAX_EDGE): { width: number; height: number } {
	const scale = Math.min(1, max / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** True when a decoded image is too small to read. */
export function isTooSmall(width: number, height: number): boolean {
	return Math.min(width, height) < MIN_EDGE;
}
