import { io as connectSocket, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import { reassignCitizen } from '../../src/lib/server/caseload/reassign';
import { actorOf } from '../helpers/factories';
import { useRealtimeContext } from './realtime-context';

const ctx = useRealtimeContext();

type Payload = Parameters<ServerToClientEvents['team-overview']>[0];

describe('live team dashboards', () => {
	it('receive the team’s new numbers once after a change, without asking; others receive nothing', async () => {
		const connect = async (cookie: string) => {
			const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(
				ctx.httpUrl,
				{
					path: '/socket.io',
					transports: ['websocket'],
					extraHeaders: { cookie },
					reconnection: false
				}
			);
			await new Promise((resolve) => socket.once('welcome', resolve));
			return socket;
		};
		const leader = await connect(ctx.cookies.leader);
		const outsider = await connect(ctx.cookies.otherLeader);
		expect(await leader.emitWithAck('watch-team', { teamId: ctx.teams.team.id })).toEqual({
			ok: true
		});
		expect(await outsider.emitWithAck('watch-team', { teamId: ctx.teams.team.id })).toMatchObject({
			ok: false
		});
		const pushed: Payload[] = [];
		const leaked: Payload[] = [];
		leader.on('team-overview', (payload) => pushed.push(payload));
		outsider.on('team-overview', (payload) => leaked.push(payload));

		await reassignCitizen(ctx.db, actorOf(ctx.users.leader), {
			citizenId: ctx.citizen.id,
			toCaseManagerId: ctx.users.colleague.id,
			reason: 'Kender borgeren fra herberget'
		});
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no push')), 5000);
			leader.once('team-overview', () => {
				clearTimeout(timer);
				resolve();
			});
			if (pushed.length > 0) {
				clearTimeout(timer);
				resolve();
			}
		});
		const byName = new Map(pushed[0]!.overview.caseManagers.map((m) => [m.name, m.citizens]));
		expect(byName.get('Kollega Uden Adgang')).toBe(1);
		expect(byName.get('Mette Sag')).toBe(0);
		expect(pushed).toHaveLength(1);
		expect(leaked).toEqual([]);
		leader.disconnect();
		outsider.disconnect();
	});
});
