import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';

// Every page in (app) needs a signed-in user; the session is read from the
// device, so this works offline.
export function load({ url }) {
	if (!session.current) {
		redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
}
