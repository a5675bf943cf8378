import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAction, addContact, addGoal, addPerson, addSubgoal, setLetIn } from './items';
import { readSection } from './read';
import { richTextSchema } from './rich-text/schema';
import {
	SCHEMA_VERSION,
	actionPlanRoots,
	dimensionRoots,
	ensureSchema,
	itemArray,
	networkRoots,
	outreachRoots,
	ownWordsRoots,
	sectionKind
} from './schema';

/** Exchanges all updates both ways, as two clients behind one server eventually do. */
function merge(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function countUpdates(doc: Y.Doc, run: () => void): number {
	let updates = 0;
	const count = () => updates++;
	doc.on('update', count);
	run();
	doc.off('update', count);
	return updates;
}

/** Rich text as the editor writes it: through y-prosemirror, with the editor's own schema. */
function writeRichText(fragment: Y.XmlFragment, json: unknown): void {
	prosemirrorToYXmlFragment(richTextSchema.nodeFromJSON(json), fragment);
}

describe('ensureSchema', () => {
	it('two clients initialising one empty section at once end up with one structure', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		ensureSchema(a, 'housing');
		ensureSchema(b, 'housing');
		addGoal(dimensionRoots(a).goals, 'Egen bolig');
		addGoal(dimensionRoots(b).goals, 'Betale husleje til tiden');
		merge(a, b);

		for (const doc of [a, b]) {
			expect(doc.getMap('meta').toJSON()).toEqual({
				schemaVersion: SCHEMA_VERSION,
				section: 'housing'
			});
			const data = readSection(doc, 'housing');
			if (data.kind !== 'dimension') throw new Error(data.kind);
			expect(data.goals.map((g) => g.title).sort()).toEqual([
				'Betale husleje til tiden',
				'Egen bolig'
			]);
		}
		expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
	});

	it('is idempotent: a second run on an initialised document writes nothing', () => {
		const doc = new Y.Doc();
		expect(countUpdates(doc, () => ensureSchema(doc, 'outreach'))).toBe(1);
		expect(countUpdates(doc, () => ensureSchema(doc, 'outreach'))).toBe(0);
	});

	it('leaves a document of a newer schema untouched and says it is not compatible', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		let status: ReturnType<typeof ensureSchema> | undefined;
		expect(countUpdates(doc, () => (status = ensureSchema(doc, 'economy')))).toBe(0);
		expect(status).toEqual({ version: SCHEMA_VERSION + 1, compatible: false });
	});

	it('gives each section the structure of its kind; added sections are life dimensions', () => {
		expect(sectionKind('own_words')).toBe('own_words');
		expect(sectionKind('substance_use')).toBe('dimension');
		expect(sectionKind('custom:kaeledyr')).toBe('dimension');
		expect(sectionKind('action_plan_141')).toBe('action_plan_141');
	});
});

describe('readSection', () => {
	it('reads a life dimension with its situation, goals, subgoals and actions', () => {
		const doc = new Y.Doc();
		ensureSchema(doc, 'economy');
		const { situation, goals } = dimensionRoots(doc);
		writeRichText(situation, {
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Gæld til ' },
						{ type: 'text', text: 'boligselskabet', marks: [{ type: 'strong' }] }
					]
				},
				{
					type: 'bullet_list',
					content: [
						{
							type: 'list_item',
							content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Afdrag 500 kr.' }] }]
						}
					]
				}
			]
		});
		const goalId = addGoal(goals, 'Styr på økonomien');
		const goal = goals.get(0);
		const subgoalId = addSubgoal(itemArray(goal, 'subgoals')!, 'Budget sammen med Mette');
		const actionId = addAction(itemArray(goal, 'actions')!, {
			what: 'Søg om afdragsordning',
			owner: { kind: 'organisation', id: 'org-1', label: 'Ydelsescenter Vesterby' },
			due: '2026-12-01'
		});

		expect(readSection(doc, 'economy')).toEqual({
			section: 'economy',
			schemaVersion: SCHEMA_VERSION,
			kind: 'dimension',
			situation: {
				blocks: [
					{
						type: 'paragraph',
						spans: [
							{ text: 'Gæld til ', bold: false, italic: false },
							{ text: 'boligselskabet', bold: true, italic: false }
						]
					},
					{
						type: 'bullet_list',
						items: [
							[
								{
									type: 'paragraph',
									spans: [{ text: 'Afdrag 500 kr.', bold: false, italic: false }]
								}
							]
						]
					}
				],
				plain: 'Gæld til boligselskabet\n• Afdrag 500 kr.'
			},
			goals: [
				{
					id: goalId,
					title: 'Styr på økonomien',
					subgoals: [{ id: subgoalId, title: 'Budget sammen med Mette' }],
					actions: [
						{
							id: actionId,
							what: 'Søg om afdragsordning',
							ownerKind: 'organisation',
							ownerId: 'org-1',
							ownerLabel: 'Ydelsescenter Vesterby',
							due: '2026-12-01',
							status: 'open'
						}
					]
				}
			]
		});
	});

	it('reads own words, the outreach agreement, the network and the § 141 plan', () => {
		const own = new Y.Doc();
		ensureSchema(own, 'own_words');
		writeRichText(ownWordsRoots(own).text, {
			type: 'doc',
			content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Jeg vil se min datter.' }] }]
		});
		expect(readSection(own, 'own_words')).toMatchObject({
			kind: 'own_words',
			text: { plain: 'Jeg vil se min datter.' }
		});

		const outreach = new Y.Doc();
		ensureSchema(outreach, 'outreach');
		const roots = outreachRoots(outreach);
		setLetIn(roots.agreement, 'ask_first');
		const contactId = addContact(roots.whomToCall, {
			name: 'Kirsten',
			relation: 'Søster',
			phone: '20 30 40 50'
		});
		expect(readSection(outreach, 'outreach')).toMatchObject({
			kind: 'outreach',
			mayLetThemselvesIn: 'ask_first',
			whomToCall: [{ id: contactId, name: 'Kirsten', relation: 'Søster', phone: '20 30 40 50' }],
			notes: { blocks: [], plain: '' }
		});

		const network = new Y.Doc();
		ensureSchema(network, 'network');
		addPerson(networkRoots(network).people, {
			name: 'Ole',
			relation: 'Ven',
			involvement: 'Med til møder'
		});
		expect(readSection(network, 'network')).toMatchObject({
			kind: 'network',
			people: [{ name: 'Ole', relation: 'Ven', contact: '', involvement: 'Med til møder' }]
		});

		const actionPlan = new Y.Doc();
		ensureSchema(actionPlan, 'action_plan_141');
		actionPlanRoots(actionPlan).plan.set('reference', 'SAG-2026-0042');
		actionPlanRoots(actionPlan).plan.set('date', '2026-10-01');
		expect(readSection(actionPlan, 'action_plan_141')).toMatchObject({
			kind: 'action_plan_141',
			reference: 'SAG-2026-0042',
			date: '2026-10-01'
		});
	});

	it('never trusts the shape: malformed items and values are skipped or defaulted', () => {
		const doc = new Y.Doc();
		ensureSchema(doc, 'housing');
		const { goals } = dimensionRoots(doc);
		const withoutId = new Y.Map<unknown>();
		withoutId.set('title', 'kan ikke refereres');
		goals.push([withoutId]);
		addGoal(goals, 'Bolig');
		const action = new Y.Map<unknown>();
		action.set('id', 'a1');
		action.set('what', 'almindelig streng i stedet for Y.Text');
		action.set('status', 'slettet');
		action.set('due', '1. maj');
		action.set('ownerKind', 'administrator');
		itemArray(goals.get(1), 'actions')!.push([action]);

		const data = readSection(doc, 'housing');
		if (data.kind !== 'dimension') throw new Error(data.kind);
		expect(data.goals).toHaveLength(1);
		expect(data.goals[0]!.actions).toEqual([
			{
				id: 'a1',
				what: 'almindelig streng i stedet for Y.Text',
				ownerKind: null,
				ownerId: null,
				ownerLabel: '',
				due: null,
				status: 'open'
			}
		]);
	});

	it('reads an empty, never initialised section without writing to it', () => {
		const doc = new Y.Doc();
		expect(countUpdates(doc, () => readSection(doc, 'mental_health'))).toBe(0);
		expect(readSection(doc, 'mental_health')).toEqual({
			section: 'mental_health',
			schemaVersion: null,
			kind: 'dimension',
			situation: { blocks: [], plain: '' },
			goals: []
		});
	});
});
