// Signing in and out. Plain async functions; the caller handles errors.
import { pb } from '$lib/sync/pb';

/** Signs in a user of the `users` collection; throws the SDK's error on failure. */
export async function signIn(email: string, password: string): Promise<void> {
	await pb.collection('users').authWithPassword(email.trim(), password);
}

/**
 * Signs out on this device.
 * (The sync issue adds: warn about unsynced changes and delete the local copy.)
 */
export function signOut(): void {
	pb.authStore.clear();
}
