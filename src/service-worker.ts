/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// Precaches the whole build and static/ so that, after one online visit, the
// app opens with no network. Navigations get the precached app shell; /api/
// (PocketBase) and /_/ (its dashboard) are never intercepted.
// A new version waits until the page asks it to take over (SKIP_WAITING).
import { build, files, version } from '$service-worker';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

/** The SPA shell; the server answers "/" with build/index.html. */
const SHELL_URL = '/';

// Files under _app/immutable/ carry a content hash in their name; everything
// else is revisioned by the build's version.
const revisionOf = (url: string) => (url.includes('/_app/immutable/') ? null : version);

precacheAndRoute([
	...build.map((url) => ({ url, revision: revisionOf(url) })),
	...files.map((url) => ({ url, revision: version })),
	{ url: SHELL_URL, revision: version }
]);
cleanupOutdatedCaches();

registerRoute(
	new NavigationRoute(createHandlerBoundToURL(SHELL_URL), {
		denylist: [/^\/api\//, /^\/_\//]
	})
);

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Take control of open pages on the first install (nothing to replace then);
// later versions activate only after the user accepted the update.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
