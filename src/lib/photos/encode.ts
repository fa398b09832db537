// Decode → scale → JPEG, shared by the worker and the main-thread fallback.
import { fitWithin, isTooSmall, JPEG_QUALITY, type PhotoProblem } from './limits';

/** What an encode gives back (also the worker's reply). */
export type EncodeResult =
	| { ok: true; blob: Blob; width: number; height: number }
	| { ok: false; problem: PhotoProblem | 'unsupported' };

/** A canvas that can produce a JPEG blob: OffscreenCanvas, or a wrapped <canvas>. */
export interface JpegCanvas {
	getContext(kind: '2d'): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
	toJpeg(quality: number): Promise<Blob>;
}

/**
 * Decodes `file` upright (EXIF orientation applied), scales it to {@link fitWithin}
 * and encodes a JPEG. A file the browser cannot decode is `corrupt`.
 */
export async function encodeJpeg(file: Blob, makeCanvas: (width: number, height: number) => JpegCanvas): Promise<EncodeResult> {
	if (typeof createImageBitmap !== 'function') return { ok: false, problem: 'unsupported' };
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		return { ok: false, problem: 'corrupt' };
	}
	try {
		if (isTooSmall(bitmap.width, bitmap.height)) return { ok: false, problem: 'too_small' };
		const size = fitWithin(bitmap.width, bitmap.height);
		const canvas = makeCanvas(size.width, size.height);
		const ctx = canvas.getContext('2d');
		if (!ctx) return { ok: false, problem: 'unsupported' };
		ctx.imageSmoothingQuality = 'high';
		// JPEG has no alpha: transparent PNG areas become white, not black.
		ctx.fillStyle = '#fff';
		ctx.fillRect(0, 0, size.width, size.height);
		ctx.drawImage(bitmap, 0, 0, size.width, size.height);
		return { ok: true, blob: await canvas.toJpeg(JPEG_QUALITY), ...size };
	} finally {
		bitmap.close();
	}
}

/** An OffscreenCanvas as a {@link JpegCanvas}. */
export function offscreenCanvas(width: number, height: number): JpegCanvas {
	const canvas = new OffscreenCanvas(width, height);
	return {
		getContext: () => canvas.getContext('2d'),
		toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality })
	};
}
