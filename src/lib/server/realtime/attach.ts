import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as EngineServer } from 'engine.io';
import { startRuntime, type RealtimePublication, type Runtime } from '../runtime';
import { authenticateRequest, isSameOrigin } from './authenticate';
import { connectRedis, type RedisScaleOut } from './fanout/redis';
import { authorizePlanDocument } from './plan-access';
import { rejectUpgrade } from './reject';
import { createTeamOverviewPush } from './team-push';
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
	/** Redis shared by every instance; defaults to REDIS_URL. Without it, this instance is alone. */
	redisUrl?: string;
	/** Starts every Redis channel name; instances that should act as one use the same prefix. */
	redisPrefix?: string;
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
	const redisUrl = options.redisUrl ?? runtime.config.REDIS_URL;
	// Connected before anything else exists, so a Redis that is down leaves nothing to clean up.
	const redis: RedisScaleOut | null = redisUrl
		? await connectRedis({ url: redisUrl, prefix: options.redisPrefix ?? 'samplan' })
		: null;
	const io = createSocketServer(runtime, { adapter: redis?.socketAdapter });
	try {
		await redis?.ready();
	} catch (error) {
		await redis?.close();
		throw error;
	}
	// The engine is never attached to the HTTP server (so it cannot destroy anyone else's upgrade);
	// the router below hands it exactly the traffic on its path.
	const engine = new EngineServer({ maxHttpBufferSize: 64 * 1024 });
	io.bind(engine);
	const yjs = new YjsServer({
		db: runtime.db,
		maxMessageBytes: runtime.config.YJS_MAX_MESSAGE_BYTES,
		idleAfterMs: runtime.config.YJS_IDLE_AFTER_MS,
		authorize: (actor, name) => authorizePlanDocument(runtime, actor, name),
		fanout: redis?.documents
	});

	const teamPush = createTeamOverviewPush(runtime.db, io);
	const publish = (publication: RealtimePublication) => {
		const { rooms, payload, topic } = publication;
		if (rooms.length === 0) return;
		io.to(rooms).emit('changed', { topic, at: new Date().toISOString(), ...payload });
		teamPush.changed(publication);
	};
	runtime.publish = publish;

	// A revoked consent or an ended cover closes open plan connections here and, through the
	// adapter, on every other instance; expiry by time is handled by each connection's own timer.
	io.on('revalidate-access', (citizenId) => void yjs.revalidate(citizenId));
	const revalidateAccess = async (citizenId: string) => {
		// Only with Redis are there other instances; the in-memory adapter would just log an error.
		if (redis) io.serverSideEmit('revalidate-access', citizenId);
		await yjs.revalidate(citizenId);
	};
	runtime.revalidateAccess = revalidateAccess;

	io.on('end-sessions', (sessionIds) => void yjs.closeSessions(sessionIds));
	const endSessions = (sessionIds: readonly string[]) => {
		const ids = [...sessionIds];
		// Through the adapter, this reaches the sockets on every instance.
		io.in(ids.map((id) => `session:${id}`)).disconnectSockets(true);
		if (redis) io.serverSideEmit('end-sessions', ids);
		yjs.closeSessions(ids);
	};
	runtime.endSessions = endSessions;
	const applyPlanEdit: NonNullable<Runtime['applyPlanEdit']> = (target, update, authorId) =>
		yjs.applyServerEdit(target, update, authorId);
	runtime.applyPlanEdit = applyPlanEdit;

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
			if (runtime.publish === publish) runtime.publish = undefined;
			teamPush.close();
			if (runtime.revalidateAccess === revalidateAccess) runtime.revalidateAccess = undefined;
			if (runtime.endSessions === endSessions) runtime.endSessions = undefined;
			if (runtime.applyPlanEdit === applyPlanEdit) runtime.applyPlanEdit = undefined;
			await yjs.close();
			await new Promise<void>((resolve) => io.close(() => resolve()));
			engine.close();
			// Last: the Yjs writer has drained and its final updates are on their way to the others.
			await redis?.close();
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
