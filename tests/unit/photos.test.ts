// The photo rules that need no decoder: what is refused before decoding, and
// the stored size. Decoding and encoding run in Chromium (tests/e2e/offline-capture).
import { describe, expect, it } from 'vitest';
import { checkPhotoFile, fitWithin, isTooSmall, MAX_EDGE, MAX_PHOTO_BYTES } from '../../src/lib/photos/limits';

describe('checkPhotoFile', () => {
	it.each([
		['image/jpeg', 3_000_000, null],
		['image/heic', 2_000_000, null],
		['', 2_000_000, null], // no type from the picker: the decoder decides
		['text/plain', 10, 'not_image'],
		['application/pdf', 200_000, 'not_image'],
		['image/svg+xml', 2_000, 'not_image'],
		['image/jpeg', MAX_PHOTO_BYTES, null],
		['image/jpeg', MAX_PHOTO_BYTES + 1, 'too_large'],
		['image/jpeg', 0, 'corrupt']
	])('%s of %i bytes → %s', (type, size, problem) => {
		expect(checkPhotoFile({ type, size })).toBe(problem);
	});
});

describe('fitWithin', () => {
	it.each([
		[4000, 3000, 2048, 1536],
		[3000, 4000, 1536, 2048],
		[12000, 1000, 2048, 171],
		[2048, 2048, 2048, 2048],
		[1280, 960, 1280, 960] // never enlarged
	])('%i×%i → %i×%i', (w, h, ew, eh) => {
		const size = fitWithin(w, h);
		expect(size).toEqual({ width: ew, height: eh });
		expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(MAX_EDGE);
	});
});

it('finds images too small to read by their short side', () => {
	expect(isTooSmall(640, 299)).toBe(true);
	expect(isTooSmall(640, 300)).toBe(false);
	expect(isTooSmall(100, 60)).toBe(true);
});
