import { attachRealtime } from './realtime/attach';
import { runtime, stopRuntime } from './runtime';

/** What the production entry (server/index.js) needs from the SvelteKit bundle. */
export interface ServerEntry {
	attachRealtime: typeof attachRealtime;
	stopRuntime: typeof stopRuntime;
	runtime: typeof runtime;
}

const KEY = Symbol.for('samplan.server-entry');

/**
 * server/index.js imports build/handler.js, which runs the init hook; the hook hands the entry
 * these functions from the same bundle, so one module graph owns the database.
 */
export function exposeServerEntry(): void {
	(globalThis as typeof globalThis & { [KEY]?: ServerEntry })[KEY] = {
		attachRealtime,
		stopRuntime,
		runtime
	};
}
