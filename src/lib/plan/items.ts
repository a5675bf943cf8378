import { uuidv4 } from 'lib0/random';
import * as Y from 'yjs';
import {
	itemId,
	type ActionStatus,
	type ItemMap,
	type LetInAnswer,
	type OwnerKind
} from './schema';

/**
 * The edits the editor makes to structured parts of a plan. A new item is built whole, with all of
 * its nested types, and inserted in one transaction: only its author ever creates those types, so
 * no concurrent client can replace them.
 */

function item(fields: Record<string, unknown>): ItemMap {
	const map = new Y.Map<unknown>();
	// lib0's uuid works on plain http too, where crypto.randomUUID does not exist.
	map.set('id', uuidv4());
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	return map;
}

function text(initial: string): Y.Text {
	return new Y.Text(initial);
}

function append(array: Y.Array<ItemMap>, map: ItemMap): string {
	const run = () => array.push([map]);
	if (array.doc) array.doc.transact(run);
	else run();
	return itemId(map);
}

export function addGoal(goals: Y.Array<ItemMap>, title = ''): string {
	return append(
		goals,
		item({ title: text(title), subgoals: new Y.Array<ItemMap>(), actions: new Y.Array<ItemMap>() })
	);
}

export function addSubgoal(subgoals: Y.Array<ItemMap>, title = ''): string {
	return append(subgoals, item({ title: text(title) }));
}

export interface ActionOwner {
	kind: OwnerKind;
	id: string | null;
	/** Kept with the action so the plan can name the owner to readers who cannot list users. */
	label: string;
}

export function addAction(
	actions: Y.Array<ItemMap>,
	fields: { what?: string; owner?: ActionOwner | null; due?: string | null } = {}
): string {
	return append(
		actions,
		item({
			what: text(fields.what ?? ''),
			ownerKind: fields.owner?.kind ?? null,
			ownerId: fields.owner?.id ?? null,
			ownerLabel: fields.owner?.label ?? '',
			due: fields.due ?? null,
			status: 'open' satisfies ActionStatus
		})
	);
}

export function setActionOwner(action: ItemMap, owner: ActionOwner | null): void {
	const run = () => {
		action.set('ownerKind', owner?.kind ?? null);
		action.set('ownerId', owner?.id ?? null);
		action.set('ownerLabel', owner?.label ?? '');
	};
	if (action.doc) action.doc.transact(run);
	else run();
}

export function addContact(
	whomToCall: Y.Array<ItemMap>,
	fields: { name?: string; relation?: string; phone?: string } = {}
): string {
	return append(
		whomToCall,
		item({ name: fields.name ?? '', relation: fields.relation ?? '', phone: fields.phone ?? '' })
	);
}

export function addPerson(
	people: Y.Array<ItemMap>,
	fields: { name?: string; relation?: string; contact?: string; involvement?: string } = {}
): string {
	return append(
		people,
		item({
			name: fields.name ?? '',
			relation: fields.relation ?? '',
			contact: fields.contact ?? '',
			involvement: text(fields.involvement ?? '')
		})
	);
}

export function setLetIn(agreement: Y.Map<unknown>, answer: LetInAnswer): void {
	agreement.set('mayLetThemselvesIn', answer);
}

/** Removes the item by id, wherever concurrent edits have moved it to. */
export function removeItem(array: Y.Array<ItemMap>, id: string): boolean {
	const index = array
		.toArray()
		.findIndex((entry) => entry instanceof Y.Map && itemId(entry) === id);
	if (index < 0) return false;
	array.delete(index, 1);
	return true;
}
