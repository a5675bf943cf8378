import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as EngineServer } from 'engine.io';
import { startRuntime, type Runtime } from '../runtime';
import { authenticateRequest, isSameOrigin } from './authenticate';
import { authorizePlanDocument } from './plan-access';
import { rejectUpgrade } from './reject';
import { createSocketServer } from './socket';
import { YjsServer } from './yjs/server';

export interface Realtime {
	/** Takes socket.io's HTTP requests (long-polling); false for everything else. */
	handleRequest(request: IncomingMessage, response: ServerResponse): boolean;
	close(): Promise<void>;
}

export interface AttachOptions {
	/** Upgrades that belong to someone else on the same server (Vite's HMR socket in dev). */
	passthroughUpgrade?: (request: IncomingMessage) => boolean;
}

const SOCKET_IO_PATH = '/socket.io/';

/**
 * Attaches socket.io and the Yjs endpoint to an HTTP server: the one upgrade router, the one
 * place a websocket is authenticated before it is accepted. Used by the production entry and by
 * the dev server's Vite plugin alike.
 */
export async function attachRealtime(
	httpServer: HttpServer,
	options: AttachOptions = {}
): Promise<Realtime> {
	const runtime = await startRuntime();
	const io = createSocketServer(runtime);
	// The engine is never attached to the HTTP server (so it cannot destroy anyone else's upgrade);
	// the router below hands it exactly the traffic on its path.
	const engine = new EngineServer({ maxHttpBufferSize: 64 * 1024 });
	io.bind(engine);
	const yjs = new YjsServer({
		db: runtime.db,
		maxMessageBytes: runtime.config.YJS_MAX_MESSAGE_BYTES,
		authorize: (actor, name) => authorizePlanDocument(runtime, actor, name)
	});

	runtime.publish = ({ rooms, payload, topic }) => {
		if (rooms.length === 0) return;
		io.to(rooms).emit('changed', { topic, at: new Date().toISOString(), ...payload });
	};

	const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (options.passthroughUpgrade?.(request)) return;
		socket.on('error', () => socket.destroy());
		void routeUpgrade(runtime, request, socket, head, engine, yjs).catch((error) => {
			console.error('Upgrade failed:', error);
			rejectUpgrade(socket, 500);
		});
	};
	httpServer.on('upgrade', onUpgrade);

	return {
		handleRequest(request, response) {
			if (!request.url?.startsWith(SOCKET_IO_PATH)) return false;
			engine.handleRequest(request, response);
			return true;
		},
		async close() {
			httpServer.off('upgrade', onUpgrade);
			runtime.publish = undefined;
			await yjs.close();
			await new Promise<void>((resolve) => io.close(() => resolve()));
			engine.close();
		}
	};
}

async function routeUpgrade(
	runtime: Runtime,
	request: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	engine: EngineServer,
	yjs: YjsServer
): Promise<void> {
	const path = (request.url ?? '').split('?')[0] ?? '';
	const known = path.startsWith(SOCKET_IO_PATH) || path.startsWith('/yjs/');
	if (!known) return rejectUpgrade(socket, 404);
	if (!isSameOrigin(request, runtime.config.ORIGIN)) return rejectUpgrade(socket, 403);
	const actor = await authenticateRequest(runtime, request);
	if (!actor) return rejectUpgrade(socket, 401);
	if (path.startsWith(SOCKET_IO_PATH)) return engine.handleUpgrade(request, socket, head);
	return yjs.handleUpgrade(request, socket, head, actor);
}
