import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

// Every stock provider adds a process 'exit' listener; a thousand of them are intended here.
process.setMaxListeners(0);

/** One simulated editor: a stock y-websocket provider, as a browser would run it. */
export interface BenchClient {
	index: number;
	documentIndex: number;
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

export interface ClientSpec {
	index: number;
	documentIndex: number;
	documentName: string;
}

/** A `ws` WebSocket that sends the session cookie, as the browser does on the upgrade. */
function cookieWebSocket(cookie: string | null): typeof globalThis.WebSocket {
	class CookieWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie } : {} });
		}
	}
	return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

export function createClient(wsUrl: string, spec: ClientSpec, cookie: string | null): BenchClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, spec.documentName, doc, {
		WebSocketPolyfill: cookieWebSocket(cookie),
		disableBc: true
	});
	return {
		index: spec.index,
		documentIndex: spec.documentIndex,
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves true once the provider is synced, false after the timeout. */
export function waitSynced(provider: WebsocketProvider, timeoutMs: number): Promise<boolean> {
	if (provider.synced) return Promise.resolve(true);
	return new Promise((resolve) => {
		const onSync = (synced: boolean) => {
			if (!synced) return;
			clearTimeout(timer);
			provider.off('sync', onSync);
			resolve(true);
		};
		const timer = setTimeout(() => {
			provider.off('sync', onSync);
			resolve(false);
		}, timeoutMs);
		provider.on('sync', onSync);
	});
}

/**
 * Connects the clients in waves of `concurrency`, each wave waiting until it is synced, so that
 * the steady-state scenarios do not start with a connection storm of their own.
 */
export async function connectAll(
	wsUrl: string,
	specs: ClientSpec[],
	cookie: string | null,
	options: {
		concurrency: number;
		timeoutMs: number;
		onCreate?: (client: BenchClient) => void;
		/** Called before each wave; throws to stop early (the server died). */
		beforeWave?: () => void;
	}
): Promise<{ clients: BenchClient[]; unsynced: number }> {
	const clients: BenchClient[] = [];
	let unsynced = 0;
	for (let start = 0; start < specs.length; start += options.concurrency) {
		try {
			options.beforeWave?.();
		} catch (error) {
			destroyAll(clients);
			throw error;
		}
		const wave = specs.slice(start, start + options.concurrency).map((spec) => {
			const client = createClient(wsUrl, spec, cookie);
			options.onCreate?.(client);
			clients.push(client);
			return waitSynced(client.provider, options.timeoutMs);
		});
		unsynced += (await Promise.all(wave)).filter((synced) => !synced).length;
	}
	return { clients, unsynced };
}

export function destroyAll(clients: BenchClient[]): void {
	for (const client of clients) client.destroy();
}

/** `count` clients spread round-robin over `documents` document names. */
export function spreadClients(count: number, documentNames: string[]): ClientSpec[] {
	return Array.from({ length: count }, (_, index) => ({
		index,
		documentIndex: index % documentNames.length,
		documentName: documentNames[index % documentNames.length]!
	}));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
