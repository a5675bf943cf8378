import * as Y from 'yjs';
import type { SectionKey } from './sections';

/**
 * The shape of each plan section's Yjs document, shared by the browser editor, the server's SQL
 * projection and the printable plan. Bump SCHEMA_VERSION only with a migration: a client that
 * meets a newer version than it knows shows the section read-only instead of guessing.
 */
export const SCHEMA_VERSION = 1;

export type SectionKind = 'own_words' | 'dimension' | 'outreach' | 'network' | 'action_plan_141';

export function sectionKind(section: SectionKey): SectionKind {
	switch (section) {
		case 'own_words':
		case 'outreach':
		case 'network':
		case 'action_plan_141':
			return section;
		default:
			// The eight life dimensions, and the ones a plan adds itself (custom:<id>).
			return 'dimension';
	}
}

/**
 * Every structure lives in a top-level type, fetched by name. Yjs merges top-level types of the
 * same name from all clients, so two clients opening an empty section at once end up with one
 * structure. A nested type set into a map by two clients would instead make one of them vanish.
 */
export const ROOT = {
	meta: 'meta',
	ownWords: 'text',
	situation: 'situation',
	goals: 'goals',
	outreach: 'outreach',
	whomToCall: 'whomToCall',
	outreachNotes: 'notes',
	network: 'people',
	actionPlan: 'actionPlan',
	alignment: 'alignment'
} as const;

/** Names of the rich-text nodes and marks as stored in Y.XmlFragments (the editor's schema). */
export const RICH = {
	paragraph: 'paragraph',
	bulletList: 'bullet_list',
	listItem: 'list_item',
	bold: 'strong',
	italic: 'em'
} as const;

export const OWNER_KINDS = ['user', 'organisation', 'citizen'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The outreach agreement's question: may the case manager let themselves in? */
export const LET_IN_ANSWERS = ['yes', 'no', 'ask_first', 'unset'] as const;
export type LetInAnswer = (typeof LET_IN_ANSWERS)[number];

/** Items inside arrays are Y.Maps; their fields are read through the typed helpers below. */
export type ItemMap = Y.Map<unknown>;

export interface OwnWordsRoots {
	text: Y.XmlFragment;
}
export interface DimensionRoots {
	situation: Y.XmlFragment;
	goals: Y.Array<ItemMap>;
}
export interface OutreachRoots {
	agreement: Y.Map<unknown>;
	whomToCall: Y.Array<ItemMap>;
	notes: Y.XmlFragment;
}
export interface NetworkRoots {
	people: Y.Array<ItemMap>;
}
export interface ActionPlanRoots {
	plan: Y.Map<unknown>;
	alignment: Y.XmlFragment;
}

export const ownWordsRoots = (doc: Y.Doc): OwnWordsRoots => ({
	text: doc.getXmlFragment(ROOT.ownWords)
});
export const dimensionRoots = (doc: Y.Doc): DimensionRoots => ({
	situation: doc.getXmlFragment(ROOT.situation),
	goals: doc.getArray<ItemMap>(ROOT.goals)
});
export const outreachRoots = (doc: Y.Doc): OutreachRoots => ({
	agreement: doc.getMap<unknown>(ROOT.outreach),
	whomToCall: doc.getArray<ItemMap>(ROOT.whomToCall),
	notes: doc.getXmlFragment(ROOT.outreachNotes)
});
export const networkRoots = (doc: Y.Doc): NetworkRoots => ({
	people: doc.getArray<ItemMap>(ROOT.network)
});
export const actionPlanRoots = (doc: Y.Doc): ActionPlanRoots => ({
	plan: doc.getMap<unknown>(ROOT.actionPlan),
	alignment: doc.getXmlFragment(ROOT.alignment)
});

function defineRoots(doc: Y.Doc, kind: SectionKind): void {
	({
		own_words: ownWordsRoots,
		dimension: dimensionRoots,
		outreach: outreachRoots,
		network: networkRoots,
		action_plan_141: actionPlanRoots
	})[kind](doc);
}

export interface SchemaStatus {
	/** The version stored in the document (after ensureSchema: never null). */
	version: number | null;
	/** False when the document was written by a newer Samplan: edit nothing, show it read-only. */
	compatible: boolean;
}

export function schemaStatus(doc: Y.Doc): SchemaStatus {
	const stored = doc.getMap<unknown>(ROOT.meta).get('schemaVersion');
	const version = typeof stored === 'number' && Number.isInteger(stored) ? stored : null;
	return { version, compatible: version === null || version <= SCHEMA_VERSION };
}

/**
 * Initialises a section document's structure, idempotently. It only defines top-level types by
 * name and fills missing meta keys, so it is safe when several clients run it at once: all of
 * them write the same values, and nothing that exists is ever replaced. Call it after the first
 * sync (so a stored document is not written to again) and never on a read-only connection.
 */
export function ensureSchema(doc: Y.Doc, section: SectionKey): SchemaStatus {
	const status = schemaStatus(doc);
	if (!status.compatible) return status;
	doc.transact(() => {
		defineRoots(doc, sectionKind(section));
		const meta = doc.getMap<unknown>(ROOT.meta);
		if (!meta.has('schemaVersion')) meta.set('schemaVersion', SCHEMA_VERSION);
		if (!meta.has('section')) meta.set('section', section);
	});
	return schemaStatus(doc);
}

/** Defines the top-level types for reading, without writing anything (read-only clients). */
export function defineSchema(doc: Y.Doc, section: SectionKey): SchemaStatus {
	const status = schemaStatus(doc);
	if (status.compatible) defineRoots(doc, sectionKind(section));
	return status;
}

// Typed access to item fields. Documents are edited by many clients, so a field may be missing or
// of the wrong type; these return a safe value instead of trusting the shape.

export function itemText(item: ItemMap, key: string): Y.Text | null {
	const value = item.get(key);
	return value instanceof Y.Text ? value : null;
}

export function itemArray(item: ItemMap, key: string): Y.Array<ItemMap> | null {
	const value = item.get(key);
	return value instanceof Y.Array ? (value as Y.Array<ItemMap>) : null;
}

export function itemString(item: Y.Map<unknown>, key: string): string {
	const value = item.get(key);
	return typeof value === 'string' ? value : '';
}

export function itemId(item: ItemMap): string {
	return itemString(item, 'id');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
	return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value));
}

export function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value)
		? (value as T)
		: fallback;
}
