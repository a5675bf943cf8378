import { Server, type ServerOptions } from 'socket.io';
import { z } from 'zod';
import { recordAudit } from '../audit';
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
		void socket.join([`user:${actor.userId}`, `session:${actor.sessionId}`]);
		socket.emit('welcome', {
			userId: actor.userId,
			name: actor.name,
			serverTime: new Date().toISOString()
		});

		socket.on('ping', (ack) => {
			if (typeof ack === 'function') ack(new Date().toISOString());
		});

		socket.on('watch-team', async (payload, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = watchTeam.safeParse(payload);
			if (!parsed.success) return ack({ ok: false, error: 'invalid payload' });
			const { teamId } = parsed.data;
			const decision = authorizeTeam(actor, 'team.caseload.read', teamId);
			// The decision is recorded before it is answered: no room is joined without its record.
			try {
				await recordAudit(runtime.db, {
					actor,
					action: 'team.caseload.watch',
					resource: `team/${teamId}`,
					channel: 'socket',
					decision,
					purpose: 'caseload overview'
				});
			} catch {
				return ack({ ok: false, error: 'unavailable' });
			}
			if (!decision.allowed) return ack({ ok: false, error: 'forbidden' });
			void socket.join(`team:${teamId}`);
			ack({ ok: true });
		});
	});
	return io;
}
