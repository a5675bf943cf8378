import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectYjs, eventually } from '../helpers/yjs-client';
import { startRealtimeContext } from './realtime-context';

let ctx: Awaited<ReturnType<typeof startRealtimeContext>>;
beforeAll(async () => {
	// Sections go idle almost at once, so every step below meets an idle document.
	ctx = await startRealtimeContext({ YJS_IDLE_AFTER_MS: '50' });
});
afterAll(async () => {
	await ctx?.close();
});

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
