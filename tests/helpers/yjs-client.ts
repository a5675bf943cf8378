import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * A stock y-websocket provider, as a browser would use it, with the session cookie a browser
 * would send. `serverUrl` is e.g. ws://127.0.0.1:1234/yjs.
 */
export function connectYjs(
	serverUrl: string,
	documentName: string,
	cookie: string,
	options: { params?: Record<string, string> } = {}
) {
	class CookieWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(serverUrl, documentName, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: options.params ?? {},
		maxBackoffTime: 200
	});
	return {
		doc,
		provider,
		text: (name = 'text') => doc.getText(name),
		synced: () =>
			new Promise<void>((resolve) => {
				if (provider.synced) return resolve();
				provider.once('sync', (isSynced: boolean) => isSynced && resolve());
			}),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Polls until the check passes; realtime tests wait for effects, never for fixed times. */
export async function eventually(
	check: () => void | Promise<void>,
	timeoutMs = 5000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await check();
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}

/** Opens a raw websocket and reports how the upgrade ended: the HTTP status, or 101 on success. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('unexpected-response', (_request, response) => {
			resolve(response.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('error', () => resolve(0));
	});
}
