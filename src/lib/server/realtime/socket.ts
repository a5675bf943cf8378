import { Server, type ServerOptions } from 'socket.io';
import { z } from 'zod';
import type {
	ClientToServerEvents,
	InterServerEvents,
	ServerToClientEvents,
	SocketData
} from '../../realtime/events';
import { authorizeTeam, type Actor } from '../policy';
import type { Runtime } from '../runtime';
import { authenticateRequest } from './authenticate';

export type SocketServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;

const watchTeam = z.object({ teamId: z.uuid() });

/**
 * socket.io for app events. It is bound to no HTTP server of its own: the upgrade router and the
 * request hook hand it exactly the traffic on its path, after the same session check as pages.
 * With several instances, `adapter` (Redis) carries each emit to the sockets on the others.
 */
export function createSocketServer(
	runtime: Runtime,
	options: { adapter?: ServerOptions['adapter'] } = {}
): SocketServer {
	const io: SocketServer = new Server({
		path: '/socket.io',
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		cors: { origin: false },
		adapter: options.adapter
	});
	const actors = new WeakMap<object, Actor>();

	io.use(async (socket, next) => {
		const actor = await authenticateRequest(runtime, socket.request).catch(() => null);
		if (!actor) return next(new Error('unauthorised'));
		actors.set(socket, actor);
		socket.data.userId = actor.userId;
		next();
	});

	io.on('connection', (socket) => {
		const actor = actors.get(socket)!;
		void socket.join(`user:${actor.userId}`);
		socket.emit('welcome', {
			userId: actor.userId,
			name: actor.name,
			serverTime: new Date().toISOString()
		});

		socket.on('ping', (ack) => {
			if (typeof ack === 'function') ack(new Date().toISOString());
		});

		socket.on('watch-team', (payload, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = watchTeam.safeParse(payload);
			if (!parsed.success) return ack({ ok: false, error: 'invalid payload' });
			if (!authorizeTeam(actor, 'team.caseload.read', parsed.data.teamId).allowed) {
				return ack({ ok: false, error: 'forbidden' });
			}
			void socket.join(`team:${parsed.data.teamId}`);
			ack({ ok: true });
		});
	});
	return io;
}
