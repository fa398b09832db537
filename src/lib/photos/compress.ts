// On-device photo compression (SYNC.md design 8): EXIF-upright, long side
// ≤ 2048 px, JPEG 0.85, in a Web Worker with OffscreenCanvas; on the main
// thread only where workers or OffscreenCanvas are missing.
import { encodeJpeg, offscreenCanvas, type EncodeResult, type JpegCanvas } from './encode';
import { checkPhotoFile, type PhotoProblem } from './limits';

/** A photo refused for what it is; `problem` names the message (`photo.<problem>`). */
export class PhotoError extends Error {
	override name = 'PhotoError';
	constructor(readonly problem: PhotoProblem | 'unsupported') {
		super(`photo refused: ${problem}`);
	}
}

/** A compressed photo, ready to be stored with its attachment. */
export interface CompressedPhoto {
	blob: Blob;
	width: number;
	height: number;
	/** Time taken, in milliseconds (decode + scale + encode). */
	ms: number;
}

/**
 * Compresses a picked photo. Refuses (PhotoError) a non-image, a file over
 * 40 MB (before decoding), one that does not decode, and one too small to read.
 */
export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
	const started = performance.now();
	const refused = checkPhotoFile(file);
	if (refused) throw new PhotoError(refused);

	let result = await inWorker(file);
	if (!result.ok && result.problem === 'unsupported') result = await onMainThread(file);
	if (!result.ok) throw new PhotoError(result.problem);
	// Visible in the browser's performance timeline (and to the e2e test).
	const ms = performance.measure('kedang:photo-compress', { start: started }).duration;
	return { blob: result.blob, width: result.width, height: result.height, ms: Math.round(ms) };
}

function inWorker(file: Blob): Promise<EncodeResult> {
	const unsupported: EncodeResult = { ok: false, problem: 'unsupported' };
	if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') return Promise.resolve(unsupported);
	return new Promise((resolve) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module' });
		} catch {
			resolve(unsupported);
			return;
		}
		const finish = (result: EncodeResult) => {
			worker.terminate();
			resolve(result);
		};
		worker.onmessage = (event: MessageEvent<EncodeResult>) => finish(event.data);
		// The worker did not load or crashed: the main thread tries.
		worker.onerror = () => finish(unsupported);
		worker.onmessageerror = () => finish(unsupported);
		worker.postMessage(file);
	});
}

async function onMainThread(file: Blob): Promise<EncodeResult> {
	try {
		return await encodeJpeg(file, typeof OffscreenCanvas === 'function' ? offscreenCanvas : elementCanvas);
	} catch {
		return { ok: false, problem: 'corrupt' };
	}
}

function elementCanvas(width: number, height: number): JpegCanvas {
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return {
		getContext: () => canvas.getContext('2d'),
		toJpeg: (quality) =>
			new Promise((resolve, reject) =>
				canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/jpeg', quality)
			)
	};
}
