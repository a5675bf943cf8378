import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { planUpdates } from '../../src/lib/server/db/schema';
import { connectYjs, eventually, upgradeStatus } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';

const ctx = useRealtimeContext();

const doc = (section: string) => `plan/${ctx.citizen.id}/${section}`;

describe('Yjs endpoint', () => {
	it('two clients on one plan section see each other’s edits', async () => {
		const a = connectYjs(ctx.yjsUrl, doc('housing'), ctx.cookies.caseManager);
		const b = connectYjs(ctx.yjsUrl, doc('housing'), ctx.cookies.caseManager);
		await Promise.all([a.synced(), b.synced()]);
		a.text().insert(0, 'Ønsker egen bolig i Vesterby. ');
		await eventually(() => expect(b.text().toString()).toBe('Ønsker egen bolig i Vesterby. '));
		b.text().insert(b.text().length, 'Har søgt hos boligkontoret.');
		await eventually(() =>
			expect(a.text().toString()).toBe('Ønsker egen bolig i Vesterby. Har søgt hos boligkontoret.')
		);
		a.destroy();
		b.destroy();
	});

	it('stores an edit, with its author, before another client receives it', async () => {
		const a = connectYjs(ctx.yjsUrl, doc('economy'), ctx.cookies.caseManager);
		const b = connectYjs(ctx.yjsUrl, doc('economy'), ctx.cookies.caseManager);
		await Promise.all([a.synced(), b.synced()]);
		let storedWhenSeen = -1;
		b.doc.on('update', () => {
			void ctx.db
				.select()
				.from(planUpdates)
				.where(eq(planUpdates.documentName, doc('economy')))
				.then((rows) => (storedWhenSeen = Math.max(storedWhenSeen, rows.length)));
		});
		a.text().insert(0, 'Gæld til boligselskab afdrages med 500 kr. om måneden.');
		await eventually(() => expect(b.text().toString()).toContain('500 kr.'));
		await eventually(() => expect(storedWhenSeen).toBeGreaterThanOrEqual(1));
		const rows = await ctx.db
			.select()
			.from(planUpdates)
			.where(eq(planUpdates.documentName, doc('economy')));
		expect(rows.every((row) => row.authorId === ctx.users.caseManager.id)).toBe(true);
		a.destroy();
		b.destroy();
	});

	it('a client that joins later gets the stored plan text', async () => {
		const writer = connectYjs(ctx.yjsUrl, doc('own_words'), ctx.cookies.caseManager);
		await writer.synced();
		writer.text().insert(0, 'Jeg vil gerne have min egen lejlighed og se min datter igen.');
		await eventually(async () => {
			const rows = await ctx.db
				.select()
				.from(planUpdates)
				.where(eq(planUpdates.documentName, doc('own_words')));
			expect(rows.length).toBeGreaterThan(0);
		});
		const reader = connectYjs(ctx.yjsUrl, doc('own_words'), ctx.cookies.leader);
		await reader.synced();
		expect(reader.text().toString()).toBe(
			'Jeg vil gerne have min egen lejlighed og se min datter igen.'
		);
		writer.destroy();
		reader.destroy();
	});

	it('a team leader reads the plan but their edits are neither stored nor relayed', async () => {
		const caseManager = connectYjs(ctx.yjsUrl, doc('daily_activities'), ctx.cookies.caseManager);
		const leader = connectYjs(ctx.yjsUrl, doc('daily_activities'), ctx.cookies.leader);
		await Promise.all([caseManager.synced(), leader.synced()]);
		leader.text().insert(0, 'Lederens ændring');
		caseManager.text().insert(0, 'Går i værestedet tirsdage.');
		await eventually(() => expect(leader.text().toString()).toContain('Går i værestedet'));
		expect(caseManager.text().toString()).toBe('Går i værestedet tirsdage.');
		const rows = await ctx.db
			.select()
			.from(planUpdates)
			.where(eq(planUpdates.documentName, doc('daily_activities')));
		expect(rows.map((r) => r.authorId)).not.toContain(ctx.users.leader.id);
		caseManager.destroy();
		leader.destroy();
	});

	it('a partner opens only the sections the citizen consented to', async () => {
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/${doc('education_employment')}`, {
				cookie: ctx.cookies.jobcenterPartner
			})
		).toBe(101);
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/${doc('mental_health')}`, {
				cookie: ctx.cookies.jobcenterPartner
			})
		).toBe(403);
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/${doc('education_employment')}`, {
				cookie: ctx.cookies.psykiatriPartner
			})
		).toBe(403);
	});

	it('refuses the upgrade before accepting it: no session, other citizens, foreign origin, admin', async () => {
		const url = `${ctx.yjsUrl}/${doc('housing')}`;
		expect(await upgradeStatus(url)).toBe(401);
		expect(
			await upgradeStatus(url, { cookie: 'samplan_session=abcdefghijklmnopqrstuvwxyz234567' })
		).toBe(401);
		expect(await upgradeStatus(url, { cookie: ctx.cookies.colleague })).toBe(403);
		expect(await upgradeStatus(url, { cookie: ctx.cookies.otherLeader })).toBe(403);
		expect(await upgradeStatus(url, { cookie: ctx.cookies.admin })).toBe(403);
		expect(
			await upgradeStatus(url, { cookie: ctx.cookies.caseManager, origin: 'https://evil.example' })
		).toBe(403);
	});

	it('refuses unknown paths and unknown documents', async () => {
		const base = ctx.yjsUrl.replace('/yjs', '');
		expect(await upgradeStatus(`${base}/not-a-socket`, { cookie: ctx.cookies.caseManager })).toBe(
			404
		);
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/plan/${ctx.citizen.id}/no_such_section`, {
				cookie: ctx.cookies.caseManager
			})
		).toBe(404);
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/other/thing`, { cookie: ctx.cookies.caseManager })
		).toBe(404);
	});

	it('closes a connection that sends a malformed message, and the document is unharmed', async () => {
		const honest = connectYjs(ctx.yjsUrl, doc('network'), ctx.cookies.caseManager);
		await honest.synced();
		honest.text().insert(0, 'Søster: Lise');
		await eventually(async () => {
			const rows = await ctx.db
				.select()
				.from(planUpdates)
				.where(eq(planUpdates.documentName, doc('network')));
			expect(rows.length).toBeGreaterThan(0);
		});
		const closeCode = await new Promise<number>((resolve) => {
			const ws = new WebSocket(`${ctx.yjsUrl}/${doc('network')}`, {
				headers: { cookie: ctx.cookies.caseManager }
			});
			ws.on('open', () => ws.send(Buffer.from([0, 2, 200, 1, 7])));
			ws.on('close', (code) => resolve(code));
		});
		expect(closeCode).toBe(4400);
		const later = connectYjs(ctx.yjsUrl, doc('network'), ctx.cookies.caseManager);
		await later.synced();
		expect(later.text().toString()).toBe('Søster: Lise');
		honest.destroy();
		later.destroy();
	});
});

describe('saved acknowledgements', () => {
	it('tells an opted-in client when its edit is stored, with the server state that covers it', async () => {
		const { MESSAGE_SAVED } = await import('../../src/lib/plan/protocol');
		const decoding = await import('lib0/decoding');
		const Y = await import('yjs');
		const client = connectYjs(ctx.yjsUrl, doc('substance_use'), ctx.cookies.caseManager, {
			params: { saved: '1' }
		});
		const acks: Uint8Array[] = [];
		client.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
			acks.push(decoding.readVarUint8Array(decoder));
		};
		await client.synced();
		client.text().insert(0, 'Ønsker at nedtrappe forbruget.');
		await eventually(() => {
			const last = acks.at(-1);
			expect(last).toBeDefined();
			const server = Y.decodeStateVector(last!);
			const local = Y.decodeStateVector(Y.encodeStateVector(client.doc));
			for (const [id, clock] of local) expect(server.get(id) ?? 0).toBeGreaterThanOrEqual(clock);
		});
		const rows = await ctx.db
			.select()
			.from(planUpdates)
			.where(eq(planUpdates.documentName, doc('substance_use')));
		expect(rows.length).toBeGreaterThan(0);
		client.destroy();
	});
});

describe('presence', () => {
	it('shows who is here as the server knows them, whatever a browser claims', async () => {
		const name = doc('mental_health');
		const liar = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		const watcher = connectYjs(ctx.yjsUrl, name, ctx.cookies.leader);
		await Promise.all([liar.synced(), watcher.synced()]);
		liar.provider.awareness.setLocalStateField('user', {
			id: 'someone-else',
			name: 'Direktøren',
			organisation: 'Ministeriet',
			color: '#000000'
		});
		liar.provider.awareness.setLocalStateField('active', true);
		await eventually(() => {
			const states = [...watcher.provider.awareness.getStates().values()] as {
				user?: { id: string; name: string };
				active?: boolean;
			}[];
			const them = states.find((state) => state.active);
			expect(them?.user).toMatchObject({ id: ctx.users.caseManager.id, name: 'Mette Sag' });
		});
		liar.destroy();
		watcher.destroy();
	});
});

describe('hostile messages', () => {
	/** Sends raw bytes on a fresh socket and resolves with the close code. */
	function sendRaw(name: string, bytes: Uint8Array): Promise<number> {
		return new Promise((resolve) => {
			const ws = new WebSocket(`${ctx.yjsUrl}/${name}`, {
				headers: { cookie: ctx.cookies.caseManager }
			});
			ws.on('open', () => ws.send(bytes));
			ws.on('close', (code) => resolve(code));
			ws.on('error', () => undefined);
		});
	}

	async function storedText(name: string): Promise<string> {
		const reader = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await reader.synced();
		const text = reader.text().toString();
		reader.destroy();
		return text;
	}

	it('rejects an update bomb, an oversized message and 60 fuzzed messages; the document is unharmed', async () => {
		const encoding = await import('lib0/encoding');
		const name = doc('action_plan_141');
		const writer = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await writer.synced();
		writer.text().insert(0, 'Handleplan af 1. oktober.');
		await eventually(async () => expect(await storedText(name)).toBe('Handleplan af 1. oktober.'));
		writer.destroy();

		// A sync update claiming fifty million structs in eight bytes.
		const bomb = encoding.createEncoder();
		encoding.writeVarUint(bomb, 0); // sync message
		encoding.writeVarUint(bomb, 2); // update
		const claim = encoding.createEncoder();
		for (const n of [1, 50_000_000, 12345, 0]) encoding.writeVarUint(claim, n);
		encoding.writeVarUint8Array(bomb, encoding.toUint8Array(claim));
		expect(await sendRaw(name, encoding.toUint8Array(bomb))).toBe(4400);

		// Larger than YJS_MAX_MESSAGE_BYTES (64 KiB in this test server): 1009, message too big.
		expect(await sendRaw(name, new Uint8Array(70_000).fill(1))).toBe(1009);

		let seed = 42;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const codes = new Set<number>();
		for (let i = 0; i < 60; i++) {
			const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
				Math.floor(random() * 256)
			);
			// Keep the message type valid half the time, so the fuzz reaches the sync decoder.
			if (i % 2 === 0) bytes[0] = 0;
			codes.add(await sendRaw(name, bytes));
		}
		expect([...codes].every((code) => code === 4400 || code === 1005)).toBe(true);
		expect(await storedText(name)).toBe('Handleplan af 1. oktober.');
	});
});
