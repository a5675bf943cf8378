import http from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/attach';
import { stopRuntime } from '../../src/lib/server/runtime';
import { startTestRuntime } from '../helpers/database';
import { factories, sessionCookie } from '../helpers/factories';

/**
 * The realtime layer on a real HTTP server on port 0, over a real test database, in this process:
 * a team with a case manager, a team leader, a citizen, and partners with and without consent.
 */
export async function startRealtimeContext(config: Record<string, string> = {}) {
	const database = await startTestRuntime({ YJS_MAX_MESSAGE_BYTES: '65536', ...config });
	const make = factories(database.db);
	const team = await make.organisation('icm_team', 'ICM-team Test');
	const otherTeam = await make.organisation('icm_team', 'ICM-team Anden');
	const jobcenter = await make.organisation('jobcenter', 'Jobcenter Test');
	const psykiatri = await make.organisation('psykiatri', 'Psykiatrien Test');
	const caseManager = await make.user('case_manager', team.id, { name: 'Mette Sag' });
	const colleague = await make.user('case_manager', team.id, { name: 'Kollega Uden Adgang' });
	const leader = await make.user('team_leader', team.id, { name: 'Lone Leder' });
	const otherLeader = await make.user('team_leader', otherTeam.id);
	const jobcenterPartner = await make.user('partner', jobcenter.id, { name: 'Jens Job' });
	const psykiatriPartner = await make.user('partner', psykiatri.id);
	const admin = await make.user('admin', null);
	const citizen = await make.citizen(team.id, caseManager.id, 'Anna');
	await make.consent(citizen.id, jobcenter.id, ['education_employment'], {
		recordedBy: caseManager.id
	});

	const server = http.createServer((request, response) => {
		if (!realtime.handleRequest(request, response)) response.writeHead(404).end();
	});
	const realtime: Realtime = await attachRealtime(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	const cookies = {
		caseManager: await sessionCookie(database.db, caseManager.id),
		colleague: await sessionCookie(database.db, colleague.id),
		leader: await sessionCookie(database.db, leader.id),
		otherLeader: await sessionCookie(database.db, otherLeader.id),
		jobcenterPartner: await sessionCookie(database.db, jobcenterPartner.id),
		psykiatriPartner: await sessionCookie(database.db, psykiatriPartner.id),
		admin: await sessionCookie(database.db, admin.id)
	};

	return {
		db: database.db,
		httpUrl: `http://127.0.0.1:${port}`,
		yjsUrl: `ws://127.0.0.1:${port}/yjs`,
		citizen,
		/** Factories bound to this context's municipality. */
		make,
		users: { caseManager, colleague, leader, jobcenterPartner },
		teams: { team, otherTeam },
		cookies,
		async close() {
			await realtime.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			await stopRuntime();
		}
	};
}

export type RealtimeContext = Awaited<ReturnType<typeof startRealtimeContext>>;

/**
 * The context for one test file: started before its tests, closed after them. The object it
 * returns is filled in when the tests start.
 */
export function useRealtimeContext(config: Record<string, string> = {}): RealtimeContext {
	const ctx = {} as RealtimeContext;
	let started: RealtimeContext | undefined;
	beforeAll(async () => {
		started = await startRealtimeContext(config);
		Object.assign(ctx, started);
	});
	afterAll(async () => {
		await started?.close();
	});
	return ctx;
}
