// Client-chosen ids (SYNC.md, Identity): 15 chars [a-z0-9], PocketBase's own
// id pattern, so records created offline keep their id forever.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** 252 = 7 × 36: bytes ≥ 252 are skipped so every character is equally likely. */
const LIMIT = 252;

/** A new random id from crypto.getRandomValues. */
export function newId(): string {
	let id = '';
	while (id.length < 15) {
		for (const byte of crypto.getRandomValues(new Uint8Array(24))) {
			if (byte < LIMIT && id.length < 15) id += ALPHABET[byte % 36];
		}
	}
	return id;
}
