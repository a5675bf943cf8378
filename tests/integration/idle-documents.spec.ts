import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planSnapshots, planUpdates } from '../../src/lib/server/db/schema';
import {
	COMPACT_AFTER_UPDATES,
	ensureDocument
} from '../../src/lib/server/realtime/yjs/persistence';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';

// Sections go idle almost at once, so every step below meets an idle document.
const ctx = useRealtimeContext({ YJS_IDLE_AFTER_MS: '50' });

const pause = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('open sections kept in encoded form while nobody types', () => {
	it('still sync newcomers, relay edits both ways and keep presence', async () => {
		const name = `plan/${ctx.citizen.id}/economy`;
		const first = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await first.synced();
		first.text().insert(0, 'Budget lagt');
		first.provider.awareness.setLocalStateField('cursor', { section: 'economy' });
		await pause();

		const second = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await second.synced();
		expect(second.text().toString()).toBe('Budget lagt');
		await eventually(() => expect(second.provider.awareness.getStates().size).toBe(2));
		await pause();

		second.text().insert(second.text().length, ' sammen');
		await eventually(() => expect(first.text().toString()).toBe('Budget lagt sammen'));
		await pause();
		first.text().insert(0, 'Nyt: ');
		await eventually(() => expect(second.text().toString()).toBe('Nyt: Budget lagt sammen'));

		first.destroy();
		second.destroy();
		await pause();
		const later = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await later.synced();
		expect(later.text().toString()).toBe('Nyt: Budget lagt sammen');
		later.destroy();
	});
});

describe('a section that rests after editing', () => {
	it('is compacted then, so the next cold load reads one snapshot', async () => {
		const name = `plan/${ctx.citizen.id}/housing`;
		await ensureDocument(ctx.db, name, ctx.citizen.id, 'housing');
		// A history too short to be compacted when opened, written a minute ago (settled).
		const history = new Y.Doc();
		const updates: Uint8Array[] = [];
		history.on('update', (update: Uint8Array) => updates.push(update));
		for (let i = 0; i < COMPACT_AFTER_UPDATES / 2; i++) history.getText('text').insert(i, 'b');
		const [last] = await ctx.db
			.insert(planUpdates)
			.values(
				updates.map((update) => ({
					documentName: name,
					update,
					authorId: ctx.users.caseManager.id,
					createdAt: new Date(Date.now() - 60_000)
				}))
			)
			.returning({ id: planUpdates.id })
			.then((rows) => rows.slice(-1));

		const client = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await client.synced();
		const snapshots = () =>
			ctx.db.select().from(planSnapshots).where(eq(planSnapshots.documentName, name));
		expect(await snapshots()).toEqual([]);
		client.text().insert(0, 'Ny lejlighed: ');
		await eventually(async () =>
			expect(await snapshots()).toMatchObject([{ throughUpdateId: last!.id }])
		);
		const reader = connectYjs(ctx.yjsUrl, name, ctx.cookies.caseManager);
		await reader.synced();
		expect(reader.text().toString()).toBe(`Ny lejlighed: ${'b'.repeat(COMPACT_AFTER_UPDATES / 2)}`);
		client.destroy();
		reader.destroy();
	});
});
