import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import {
	firstCitizenId,
	freshServerStorage,
	login,
	startServer,
	type RunningServer
} from '../helpers/server';
import { connectYjs, eventually } from '../helpers/yjs-client';

/** A small seeded PRNG, so a failing kill moment can be replayed. */
function mulberry32(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('durability: the server killed with SIGKILL in the middle of editing', () => {
	let storage: Awaited<ReturnType<typeof freshServerStorage>>;
	let server: RunningServer;
	let citizenId: string;

	beforeAll(async () => {
		storage = await freshServerStorage();
		server = await startServer(storage.env);
		const cookie = await login(server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		citizenId = await firstCitizenId(server.url, cookie);
	});
	afterAll(async () => {
		await server?.stop('SIGKILL');
		await storage?.cleanup();
	});

	for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
		it(`loses no edit another client has seen (seed ${seed})`, async () => {
			const random = mulberry32(seed);
			const cookie = await login(server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
			const wsUrl = `${server.url.replace('http', 'ws')}/yjs`;
			const name = `plan/${citizenId}/own_words`;
			const field = `kill-${seed}`;
			const writer = connectYjs(wsUrl, name, cookie);
			const observer = connectYjs(wsUrl, name, cookie);
			await Promise.all([writer.synced(), observer.synced()]);

			// The writer types numbered words as fast as a meeting would; the kill comes at a random
			// moment between 100 and 700 ms into the stream.
			let n = 0;
			const typing = setInterval(() => {
				const text = writer.text(field);
				text.insert(text.length, `${n++} `);
			}, 3);
			await new Promise((resolve) => setTimeout(resolve, 100 + random() * 600));
			await server.stop('SIGKILL');
			clearInterval(typing);
			const seen = observer.text(field).toString();
			writer.destroy();
			observer.destroy();

			server = await startServer(storage.env);
			const again = await login(server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
			const reader = connectYjs(`${server.url.replace('http', 'ws')}/yjs`, name, again);
			await reader.synced();
			await eventually(() => expect(reader.text(field).toString().startsWith(seen)).toBe(true));
			expect(seen.length).toBeGreaterThan(0);
			reader.destroy();
		});
	}
});
