import { describe, expect, it } from 'vitest';
import { PRESENCE_COLOURS, gatherPresence, parseAwareness, userColour } from './presence';

const me = { id: 'u-me', name: 'Mette Lind', organisation: 'ICM-team Nord', color: '#1565c0' };
const anders = {
	id: 'u-a',
	name: 'Anders Kjær',
	organisation: 'Jobcenter Vesterby',
	color: '#ad1457'
};

describe('presence', () => {
	it('gives a user the same colour everywhere, from a palette readable with white text', () => {
		expect(userColour('0b7c…')).toBe(userColour('0b7c…'));
		expect(PRESENCE_COLOURS).toContain(userColour('any id'));
		const spread = new Set(Array.from({ length: 50 }, (_, i) => userColour(`user-${i}`)));
		expect(spread.size).toBeGreaterThan(6);
	});

	it('lists each person once, with the section their focus is in, oneself first', () => {
		const entries = gatherPresence(me, 'housing', [
			{ section: 'housing', peers: [{ user: anders, active: false }] },
			{ section: 'economy', peers: [{ user: anders, active: true }] }
		]);
		expect(entries).toEqual([
			{ user: me, section: 'housing', isSelf: true },
			{ user: anders, section: 'economy', isSelf: false }
		]);
	});

	it('refuses awareness that is not a Samplan user and bounds what it shows', () => {
		expect(parseAwareness({ cursor: {} })).toBeNull();
		expect(parseAwareness({ user: { id: 'x', name: '' } })).toBeNull();
		expect(
			parseAwareness({ user: { id: 'x', name: 'A'.repeat(500), color: 'red;}' }, active: 'yes' })
		).toEqual({
			user: { id: 'x', name: 'A'.repeat(80), organisation: '', color: '#37474f' },
			active: false
		});
	});
});
