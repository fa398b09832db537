// Signing in and out. Plain async functions; the caller handles errors.
import { deleteUserDb } from '$lib/db/app-db';
import { pb } from '$lib/sync/pb';
import { syncStatus } from '$lib/state/sync.svelte';

/** Signs in a user of the `users` collection; throws the SDK's error on failure. */
export async function signIn(email: string, password: string): Promise<void> {
	await pb.collection('users').authWithPassword(email.trim(), password);
}

/**
 * Signs out and deletes this user's data from the device (a shared phone must
 * not keep it). Callers warn first when syncStatus.pending > 0: those changes
 * are lost.
 */
export async function signOut(): Promise<void> {
	const userId = pb.authStore.record?.id;
	syncStatus.stop();
	pb.authStore.clear();
	if (userId) await deleteUserDb(userId);
}
