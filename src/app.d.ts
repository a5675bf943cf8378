import type { Actor } from '$lib/server/policy/actor';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
		}
		interface Error {
			message: string;
			errorId?: string;
		}
	}
}

export {};
