// In development the same attach function runs inside Vite's own HTTP server, so `npm run dev`
// serves pages, socket.io and Yjs on one port just like production.

/** @returns {import('vite').Plugin} */
export function realtimeDevServer() {
	return {
		name: 'samplan-realtime',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			// Vitest runs Vite without an HTTP server: nothing to attach to.
			if (!httpServer || !('listen' in httpServer)) return;
			const { attachRealtime } = /** @type {typeof import('../src/lib/server/realtime/attach')} */ (
				/** @type {unknown} */ (await server.ssrLoadModule('/src/lib/server/realtime/attach.ts'))
			);
			const realtime = await attachRealtime(
				/** @type {import('node:http').Server} */ (httpServer),
				{
					passthroughUpgrade: (request) =>
						String(request.headers['sec-websocket-protocol'] ?? '').startsWith('vite-')
				}
			);
			server.middlewares.use((request, response, next) => {
				if (!realtime.handleRequest(request, response)) next();
			});
			httpServer.on('close', () => void realtime.close());
		}
	};
}
