import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import { logOutEverywhere } from '../../src/lib/server/auth/account';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookie';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	sessionIdFromToken
} from '../../src/lib/server/auth/session';
import { recordConsent, revokeConsent } from '../../src/lib/server/consent/manage';
import { consents, planUpdates } from '../../src/lib/server/db/schema';
import { actorOf, factories } from '../helpers/factories';
import { connectYjs, eventually, upgradeStatus } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';

const ctx = useRealtimeContext();

/** Opens a raw socket and resolves with its close code when the server closes it. */
function openAndAwaitClose(url: string, cookie: string) {
	const ws = new WebSocket(url, { headers: { cookie } });
	const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
	const closed = new Promise<{ code: number; at: number }>((resolve) =>
		ws.once('close', (code) => resolve({ code, at: Date.now() }))
	);
	return { opened, closed };
}

describe('access that ends while a plan is open', () => {
	it('a revoked consent closes the partner’s open section within 5 seconds, and reconnecting is refused', async () => {
		const consentId = await recordConsent(ctx.db, actorOf(ctx.users.caseManager), ctx.citizen.id, {
			organisationId: ctx.users.jobcenterPartner.organisationId!,
			sections: ['economy'],
			purpose: 'Økonomisk afklaring',
			givenOn: '2026-11-01'
		});
		const url = `${ctx.yjsUrl}/plan/${ctx.citizen.id}/economy`;
		const partner = openAndAwaitClose(url, ctx.cookies.jobcenterPartner);
		await partner.opened;
		const revokedAt = Date.now();
		await revokeConsent(ctx.db, actorOf(ctx.users.caseManager), ctx.citizen.id, consentId);
		const { code, at } = await partner.closed;
		expect(code).toBe(4403);
		expect(at - revokedAt).toBeLessThan(5000);
		expect(await upgradeStatus(url, { cookie: ctx.cookies.jobcenterPartner })).toBe(403);
	});

	it('a consent that runs out closes the section at that moment, with no one revoking it', async () => {
		const consentId = await recordConsent(ctx.db, actorOf(ctx.users.caseManager), ctx.citizen.id, {
			organisationId: ctx.users.jobcenterPartner.organisationId!,
			sections: ['housing'],
			purpose: 'Boligsøgning',
			givenOn: '2026-11-01'
		});
		const endsAt = new Date(Date.now() + 1500);
		await ctx.db.update(consents).set({ validUntil: endsAt }).where(eq(consents.id, consentId));
		const partner = openAndAwaitClose(
			`${ctx.yjsUrl}/plan/${ctx.citizen.id}/housing`,
			ctx.cookies.jobcenterPartner
		);
		await partner.opened;
		const { code, at } = await partner.closed;
		expect(code).toBe(4403);
		expect(at).toBeGreaterThanOrEqual(endsAt.getTime() - 50);
		expect(at - endsAt.getTime()).toBeLessThan(5000);
	});

	it('a cover colleague loses the plan when the cover window ends, and edits after it are not stored', async () => {
		const make = factories(ctx.db);
		const endsAt = new Date(Date.now() + 1500);
		await make.cover(ctx.citizen.id, ctx.users.caseManager.id, ctx.users.colleague.id, {
			startsAt: new Date(Date.now() - 60_000),
			endsAt
		});
		const name = `plan/${ctx.citizen.id}/physical_health`;
		const cover = connectYjs(ctx.yjsUrl, name, ctx.cookies.colleague);
		await cover.synced();
		cover.text().insert(0, 'Tandlæge torsdag. ');
		await eventually(async () => {
			const rows = await ctx.db
				.select()
				.from(planUpdates)
				.where(eq(planUpdates.documentName, name));
			expect(rows.length).toBeGreaterThan(0);
		});
		await eventually(() => expect(cover.provider.wsconnected).toBe(false), 6000);
		expect(await upgradeStatus(`${ctx.yjsUrl}/${name}`, { cookie: ctx.cookies.colleague })).toBe(
			403
		);
		cover.destroy();
	});

	it('a session that ends closes its own plan and socket.io connections at once, and only its own', async () => {
		const session = async () => {
			const token = generateSessionToken();
			await createSession(ctx.db, token, ctx.users.leader.id, { days: 1, idleMinutes: 120 });
			const cookie = `${SESSION_COOKIE}=${token}`;
			const yjs = openAndAwaitClose(`${ctx.yjsUrl}/plan/${ctx.citizen.id}/housing`, cookie);
			const socket = connectSocket(ctx.httpUrl, {
				path: '/socket.io',
				transports: ['websocket'],
				extraHeaders: { cookie },
				reconnection: false
			});
			await new Promise((resolve) => socket.once('welcome', resolve));
			await yjs.opened;
			const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
			return { id: sessionIdFromToken(token), yjs, socket, disconnected };
		};
		const phone = await session();
		const office = await session();

		await invalidateSession(ctx.db, phone.id);
		expect((await phone.yjs.closed).code).toBe(4401);
		expect(await phone.disconnected).toBe('io server disconnect');
		expect(office.socket.connected).toBe(true);

		await logOutEverywhere(ctx.db, actorOf(ctx.users.leader));
		expect((await office.yjs.closed).code).toBe(4401);
		expect(await office.disconnected).toBe('io server disconnect');
	});
});
