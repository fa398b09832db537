import { i18n } from '$lib/i18n/i18n.svelte';

// A single-page app: everything renders in the browser, offline included.
export const ssr = false;
export const prerender = false;

export async function load() {
	// The saved language is loaded before the first render: no flash of zh-CN.
	await i18n.init();
}
