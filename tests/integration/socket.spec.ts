import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { runtime } from '../../src/lib/server/runtime';
import { useRealtimeContext } from './realtime-context';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ctx = useRealtimeContext();
const open: ClientSocket[] = [];
// Runs before the context closes (after-hooks run in reverse order).
afterAll(() => {
	for (const socket of open) socket.disconnect();
});

function connect(cookie?: string, transports: string[] = ['websocket']): ClientSocket {
	const socket: ClientSocket = connectSocket(ctx.httpUrl, {
		path: '/socket.io',
		transports,
		extraHeaders: cookie ? { cookie } : {},
		reconnection: false
	});
	open.push(socket);
	return socket;
}

describe('socket.io', () => {
	it('greets a signed-in user by name on connect', async () => {
		const socket = connect(ctx.cookies.caseManager);
		const welcome = await new Promise<{ name: string; userId: string }>((resolve) =>
			socket.once('welcome', resolve)
		);
		expect(welcome).toMatchObject({ name: 'Mette Sag', userId: ctx.users.caseManager.id });
	});

	it('works over long-polling too, with the same session check', async () => {
		const socket = connect(ctx.cookies.caseManager, ['polling']);
		const welcome = await new Promise<{ name: string }>((resolve) =>
			socket.once('welcome', resolve)
		);
		expect(welcome.name).toBe('Mette Sag');
		const refused = connect(undefined, ['polling']);
		const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
		expect(error.message).toBe('unauthorised');
	});

	it('refuses a websocket without a session before it is accepted', async () => {
		const socket = connect();
		const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
		expect(error.message).toMatch(/websocket error/i);
	});

	it('delivers team events only to the team’s own leader', async () => {
		const leader = connect(ctx.cookies.leader);
		const outsider = connect(ctx.cookies.otherLeader);
		await Promise.all(
			[leader, outsider].map((s) => new Promise((resolve) => s.once('welcome', resolve)))
		);
		const joined = await leader.emitWithAck('watch-team', { teamId: ctx.teams.team.id });
		const refused = await outsider.emitWithAck('watch-team', { teamId: ctx.teams.team.id });
		const malformed = await outsider.emitWithAck('watch-team', { teamId: 'not-a-uuid' });
		expect(joined).toEqual({ ok: true });
		expect(refused).toEqual({ ok: false, error: 'forbidden' });
		expect(malformed).toEqual({ ok: false, error: 'invalid payload' });

		const received: string[] = [];
		outsider.on('changed', (event) => received.push(`outsider:${event.topic}`));
		const seen = new Promise<string>((resolve) => leader.once('changed', (e) => resolve(e.topic)));
		runtime().publish?.({
			topic: 'caseload',
			rooms: [`team:${ctx.teams.team.id}`],
			payload: { teamId: ctx.teams.team.id }
		});
		expect(await seen).toBe('caseload');
		expect(received).toEqual([]);
	});
});
