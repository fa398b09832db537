// Compresses one photo off the main thread, so the form stays responsive
// while a 12-megapixel image is decoded and scaled.
import { encodeJpeg, offscreenCanvas, type EncodeResult } from './encode';

interface WorkerScope {
	onmessage: ((event: MessageEvent<Blob>) => void) | null;
	postMessage(message: EncodeResult): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async (event) => {
	const hasOffscreen = typeof OffscreenCanvas === 'function' && 'convertToBlob' in OffscreenCanvas.prototype;
	try {
		scope.postMessage(hasOffscreen ? await encodeJpeg(event.data, offscreenCanvas) : { ok: false, problem: 'unsupported' });
	} catch {
		// e.g. out of memory while encoding: let the main thread try
		scope.postMessage({ ok: false, problem: 'unsupported' });
	}
};
