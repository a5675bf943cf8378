/**
 * Who is in a plan, as each browser announces itself through Yjs awareness. Awareness comes from
 * other people's browsers, so everything read from it is checked and bounded before it is shown.
 */

import type { SectionKey } from './sections';

/** What each client publishes in its awareness state, per section document. */
export interface PresenceUser {
	id: string;
	name: string;
	organisation: string;
	color: string;
}

export interface AwarenessState {
	user: PresenceUser;
	/** True while this user's focus is inside this section. */
	active: boolean;
}

/**
 * Dark enough for white text at WCAG AA (all ≥ 5:1 on white) and distinguishable from each other;
 * a cursor label is white text on the colour.
 */
export const PRESENCE_COLOURS = [
	'#1565c0',
	'#ad1457',
	'#2e7d32',
	'#8e24aa',
	'#9e4a00',
	'#00695c',
	'#c62828',
	'#4527a0',
	'#6d4c41',
	'#0b6e99',
	'#37474f',
	'#5e35b1'
] as const;

/** A user's colour, the same in every browser and every session: FNV-1a of their id. */
export function userColour(userId: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < userId.length; i++) {
		hash ^= userId.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length]!;
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

export function presenceColour(value: unknown): string {
	return typeof value === 'string' && HEX_COLOUR.test(value) ? value : '#37474f';
}

export function presenceName(value: unknown, max = 80): string {
	return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** A remote awareness state as the page may use it, or null when it is not a Samplan user. */
export function parseAwareness(state: unknown): AwarenessState | null {
	if (typeof state !== 'object' || state === null) return null;
	const { user, active } = state as { user?: unknown; active?: unknown };
	if (typeof user !== 'object' || user === null) return null;
	const fields = user as Record<string, unknown>;
	const id = presenceName(fields.id, 64);
	const name = presenceName(fields.name);
	if (!id || !name) return null;
	return {
		user: {
			id,
			name,
			organisation: presenceName(fields.organisation),
			color: presenceColour(fields.color)
		},
		active: active === true
	};
}

export interface PresenceEntry {
	user: PresenceUser;
	/** The section this person is working in, if their focus is in one this page shows. */
	section: SectionKey | null;
	isSelf: boolean;
}

/**
 * One entry per person across all sections of the page (a person has a connection, with its own
 * awareness, per section), with the section their focus is in. Oneself first, then by name.
 */
export function gatherPresence(
	me: PresenceUser,
	activeSection: SectionKey | null,
	sections: { section: SectionKey; peers: readonly AwarenessState[] }[]
): PresenceEntry[] {
	const byUser = new Map<string, PresenceEntry>();
	byUser.set(me.id, { user: me, section: activeSection, isSelf: true });
	for (const { section, peers } of sections) {
		for (const peer of peers) {
			const entry = byUser.get(peer.user.id) ?? { user: peer.user, section: null, isSelf: false };
			if (peer.active && !entry.isSelf) entry.section = section;
			byUser.set(peer.user.id, entry);
		}
	}
	return [...byUser.values()].sort(
		(a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name, 'da')
	);
}
