// One account per role (plus a second rep), created through the API.
import type PocketBase from 'pocketbase';
import { clientFor } from './server';

export const PRINCIPALS = ['guest', 'rep1', 'rep2', 'reviewer', 'manager', 'admin'] as const;
export type Principal = (typeof PRINCIPALS)[number];

const ACCOUNTS = {
	rep1: { name: '李明', role: 'rep' },
	rep2: { name: '王芳', role: 'rep' },
	reviewer: { name: '陈静', role: 'reviewer' },
	manager: { name: '张伟', role: 'manager' },
	admin: { name: '赵磊', role: 'admin' }
} as const;

/** The email and password of a test account (the same on every test server). */
export function accountOf(key: keyof typeof ACCOUNTS): { email: string; password: string } {
	return { email: `${key}@test.kedang`, password: `pw-${key}-12345` };
}

export interface Actors {
	ids: Record<Exclude<Principal, 'guest'>, string>;
	clients: Record<Principal, PocketBase>;
}

/** Creates the accounts and signs each in (guest stays anonymous). */
export async function createActors(url: string, admin: PocketBase): Promise<Actors> {
	const ids = {} as Actors['ids'];
	const clients = { guest: await clientFor(url) } as Actors['clients'];
	for (const [key, account] of Object.entries(ACCOUNTS) as [keyof typeof ACCOUNTS, (typeof ACCOUNTS)[keyof typeof ACCOUNTS]][]) {
		const { email, password } = accountOf(key);
		const user = await admin.collection('users').create({ email, password, passwordConfirm: password, ...account });
		ids[key] = user.id;
		clients[key] = await clientFor(url, { email, password });
	}
	return { ids, clients };
}
