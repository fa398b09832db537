// Keeping the sign-in alive across syncs.
import type PocketBase from 'pocketbase';

/**
 * authRefresh, guarded: a captive portal answers 200 with HTML, and the SDK
 * then stores an empty token — signing the user out on a hotel Wi-Fi. The
 * previous session is restored unless the server really refused it.
 */
export async function refreshSession(pb: PocketBase): Promise<'ok' | 'auth' | 'offline'> {
	const { token, record } = pb.authStore;
	try {
		const reply = await pb.collection('users').authRefresh({ requestKey: null });
		if (reply?.token) return 'ok';
		pb.authStore.save(token, record);
		return 'offline';
	} catch (err) {
		const status = (err as { status?: number }).status ?? 0;
		if (status === 401 || status === 403 || status === 404) return 'auth';
		if (pb.authStore.token !== token) pb.authStore.save(token, record);
		return 'offline';
	}
}

/**
 * Whether the client's session belongs to `userId`. The app has one client, so
 * on a shared phone another user may sign in while a sync of the previous
 * user's database runs: pushing that outbox (or pulling into that database)
 * with the new session would write as the wrong person — the server refuses,
 * and the op ends "rejected" — or copy the new user's records into the old
 * user's database. Checked right before each request of a sync.
 */
export function isSignedInAs(pb: PocketBase, userId: string): boolean {
	return pb.authStore.record?.id === userId;
}

/** The report's words when the session belongs to someone else. */
export const OTHER_USER = 'signed in as another user';
