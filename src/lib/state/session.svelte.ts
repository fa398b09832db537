// Who is signed in on this device. The auth record is kept by the SDK in
// localStorage, so the session survives reloads and works offline; an expired
// token does not end the session here (sync refreshes or asks to sign in).
import { pb } from '$lib/sync/pb';
import { UsersRoleOptions, type UsersRole } from '$lib/types/pocketbase';

export type Role = UsersRole;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: Role;
}

function readUser(): SessionUser | null {
	const record = pb.authStore.record;
	if (!record || record.collectionName !== 'users') return null;
	const role = (UsersRoleOptions as readonly string[]).includes(record.role) ? (record.role as Role) : 'rep';
	return { id: record.id, email: record.email ?? '', name: record.name || record.email || '', role };
}

class Session {
	#user = $state<SessionUser | null>(readUser());

	constructor() {
		pb.authStore.onChange(() => (this.#user = readUser()));
	}

	/** The signed-in user, or null. */
	get current(): SessionUser | null {
		return this.#user;
	}

	/** Whether the user may open the desk review pages. */
	get canReview(): boolean {
		return this.#user !== null && this.#user.role !== 'rep';
	}
}

export const session = new Session();
