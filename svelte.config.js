import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A single-page app: PocketBase serves build/ and falls back to index.html
		// for deep links such as /customers/abc.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		// Registered by hand in the root layout so that an update waits for the user.
		serviceWorker: { register: false },
		version: { pollInterval: 0 }
	}
};

export default config;
