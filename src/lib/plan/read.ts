import * as Y from 'yjs';
import {
	ACTION_STATUSES,
	LET_IN_ANSWERS,
	OWNER_KINDS,
	RICH,
	actionPlanRoots,
	dimensionRoots,
	isIsoDate,
	itemArray,
	itemId,
	itemString,
	itemText,
	networkRoots,
	oneOf,
	outreachRoots,
	ownWordsRoots,
	schemaStatus,
	sectionKind,
	type ActionStatus,
	type ItemMap,
	type LetInAnswer,
	type OwnerKind
} from './schema';
import type { SectionKey } from './sections';

/**
 * A section as plain data, for the server's SQL projection and the printable plan. Reading never
 * writes to the document, and every value is checked: a document is written by many clients.
 */

export interface RichSpan {
	text: string;
	bold: boolean;
	italic: boolean;
}
export type RichBlock =
	{ type: 'paragraph'; spans: RichSpan[] } | { type: 'bullet_list'; items: RichBlock[][] };
export interface RichText {
	blocks: RichBlock[];
	/** The text without formatting, list items on their own line with a bullet. */
	plain: string;
}

export interface PlanAction {
	id: string;
	what: string;
	ownerKind: OwnerKind | null;
	ownerId: string | null;
	ownerLabel: string;
	due: string | null;
	status: ActionStatus;
}
export interface PlanSubgoal {
	id: string;
	title: string;
}
export interface PlanGoal {
	id: string;
	title: string;
	subgoals: PlanSubgoal[];
	actions: PlanAction[];
}
export interface OutreachContact {
	id: string;
	name: string;
	relation: string;
	phone: string;
}
export interface NetworkPerson {
	id: string;
	name: string;
	relation: string;
	contact: string;
	involvement: string;
}

interface Common {
	section: SectionKey;
	schemaVersion: number | null;
}
export type SectionData = Common &
	(
		| { kind: 'own_words'; text: RichText }
		| { kind: 'dimension'; situation: RichText; goals: PlanGoal[] }
		| {
				kind: 'outreach';
				mayLetThemselvesIn: LetInAnswer;
				whomToCall: OutreachContact[];
				notes: RichText;
		  }
		| { kind: 'network'; people: NetworkPerson[] }
		| { kind: 'action_plan_141'; reference: string; date: string | null; alignment: RichText }
	);

export function readSection(doc: Y.Doc, section: SectionKey): SectionData {
	const common: Common = { section, schemaVersion: schemaStatus(doc).version };
	switch (sectionKind(section)) {
		case 'own_words':
			return { ...common, kind: 'own_words', text: readRichText(ownWordsRoots(doc).text) };
		case 'dimension': {
			const { situation, goals } = dimensionRoots(doc);
			return {
				...common,
				kind: 'dimension',
				situation: readRichText(situation),
				goals: items(goals).map(readGoal)
			};
		}
		case 'outreach': {
			const { agreement, whomToCall, notes } = outreachRoots(doc);
			return {
				...common,
				kind: 'outreach',
				mayLetThemselvesIn: oneOf(LET_IN_ANSWERS, agreement.get('mayLetThemselvesIn'), 'unset'),
				whomToCall: items(whomToCall).map((c) => ({
					id: itemId(c),
					name: itemString(c, 'name'),
					relation: itemString(c, 'relation'),
					phone: itemString(c, 'phone')
				})),
				notes: readRichText(notes)
			};
		}
		case 'network':
			return {
				...common,
				kind: 'network',
				people: items(networkRoots(doc).people).map((p) => ({
					id: itemId(p),
					name: itemString(p, 'name'),
					relation: itemString(p, 'relation'),
					contact: itemString(p, 'contact'),
					involvement: textOf(p, 'involvement')
				}))
			};
		case 'action_plan_141': {
			const { plan, alignment } = actionPlanRoots(doc);
			const date = plan.get('date');
			return {
				...common,
				kind: 'action_plan_141',
				reference: itemString(plan, 'reference'),
				date: isIsoDate(date) ? date : null,
				alignment: readRichText(alignment)
			};
		}
	}
}

/** Only well-formed items with an id: anything else cannot be referred to by the projection. */
function items(array: Y.Array<ItemMap> | null): ItemMap[] {
	return (array?.toArray() ?? []).filter((item) => item instanceof Y.Map && itemId(item) !== '');
}

function textOf(item: ItemMap, key: string): string {
	return itemText(item, key)?.toString() ?? itemString(item, key);
}

function readGoal(goal: ItemMap): PlanGoal {
	return {
		id: itemId(goal),
		title: textOf(goal, 'title'),
		subgoals: items(itemArray(goal, 'subgoals')).map((s) => ({
			id: itemId(s),
			title: textOf(s, 'title')
		})),
		actions: items(itemArray(goal, 'actions')).map(readAction)
	};
}

function readAction(action: ItemMap): PlanAction {
	const ownerKind = action.get('ownerKind');
	const ownerId = action.get('ownerId');
	const due = action.get('due');
	return {
		id: itemId(action),
		what: textOf(action, 'what'),
		ownerKind: (OWNER_KINDS as readonly unknown[]).includes(ownerKind)
			? (ownerKind as OwnerKind)
			: null,
		ownerId: typeof ownerId === 'string' && ownerId !== '' ? ownerId : null,
		ownerLabel: itemString(action, 'ownerLabel'),
		due: isIsoDate(due) ? due : null,
		status: oneOf(ACTION_STATUSES, action.get('status'), 'open')
	};
}

export function readRichText(fragment: Y.XmlFragment): RichText {
	const blocks = readBlocks(fragment.toArray());
	return { blocks, plain: plainText(blocks).join('\n') };
}

type XmlChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

function readBlocks(children: XmlChild[]): RichBlock[] {
	const blocks: RichBlock[] = [];
	for (const child of children) {
		if (child instanceof Y.XmlElement && child.nodeName === RICH.bulletList) {
			const listItems = child
				.toArray()
				.filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
				.map((item) => readBlocks(item.toArray()));
			blocks.push({ type: 'bullet_list', items: listItems });
		} else if (child instanceof Y.XmlElement) {
			// A paragraph, or a node this version does not know: keep its text either way.
			blocks.push({ type: 'paragraph', spans: readSpans(child.toArray()) });
		} else if (child instanceof Y.XmlText) {
			blocks.push({ type: 'paragraph', spans: readSpans([child]) });
		}
	}
	return blocks;
}

interface DeltaOp {
	insert?: unknown;
	attributes?: Record<string, unknown>;
}

function readSpans(children: XmlChild[]): RichSpan[] {
	const spans: RichSpan[] = [];
	for (const child of children) {
		if (child instanceof Y.XmlText) {
			for (const op of child.toDelta() as DeltaOp[]) {
				if (typeof op.insert !== 'string') continue;
				spans.push({
					text: op.insert,
					bold: op.attributes?.[RICH.bold] !== undefined,
					italic: op.attributes?.[RICH.italic] !== undefined
				});
			}
		} else if (child instanceof Y.XmlElement) {
			spans.push(...readSpans(child.toArray()));
		}
	}
	return spans;
}

function plainText(blocks: RichBlock[], indent = ''): string[] {
	return blocks.flatMap((block) =>
		block.type === 'paragraph'
			? [indent + block.spans.map((s) => s.text).join('')]
			: block.items.flatMap((item) => {
					const [first = '', ...rest] = plainText(item, indent + '  ');
					return [`${indent}• ${first.trimStart()}`, ...rest];
				})
	);
}
