import type { Actor } from '$lib/server/policy/actor';

declare global {
	namespace App {
		interface Locals {
			/** Fully signed in (password and, where required, the second factor). */
			actor: Actor | null;
			/** Signed in with the password, still owing the second factor. */
			pendingSecondFactor: { actor: Actor; state: 'verify' | 'setup' } | null;
		}
		interface Error {
			message: string;
			errorId?: string;
		}
	}
}

export {};
