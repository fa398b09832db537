import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';

// Desk review is for reviewers, managers and admins; reps go home.
export function load() {
	if (!session.canReview) redirect(307, '/');
}
