// The one PocketBase client of the app. Components never import `pocketbase`;
// they go through services and state modules that use this client.
import PocketBase from 'pocketbase';

/** Same origin: PocketBase serves the PWA, and `npm run dev` proxies /api. */
export const pb = new PocketBase('/');

// Sync and UI requests must never cancel each other (the SDK cancels a pending
// request when another with the same method and path starts).
pb.autoCancellation(false);
