import * as Y from 'yjs';
import { addAction, addContact, addGoal, addPerson, setLetIn } from '../src/lib/plan/items';
import {
	actionPlanRoots,
	defineSchema,
	dimensionRoots,
	networkRoots,
	outreachRoots,
	ownWordsRoots,
	RICH,
	sectionKind
} from '../src/lib/plan/schema';
import type { SectionKey } from '../src/lib/plan/sections';

const SITUATION =
	'Borgeren bor midlertidigt hos en ven og har svært ved at overskue post fra kommunen. ' +
	'Hun ønsker selv at få styr på økonomien og vil gerne have hjælp til at åbne breve sammen. ';
const OWN_WORDS =
	'Jeg vil gerne have min egen lejlighed igen og se mine børn hver anden weekend. ' +
	'Jeg har brug for hjælp til at komme til lægen og til at holde styr på aftaler. ';

function paragraphs(fragment: Y.XmlFragment, text: string, count: number): void {
	for (let i = 0; i < count; i++) {
		const paragraph = new Y.XmlElement(RICH.paragraph);
		paragraph.insert(0, [new Y.XmlText(text)]);
		fragment.insert(fragment.length, [paragraph]);
	}
}

/**
 * A plan section as it looks after a few meetings: a few paragraphs, goals with actions, the
 * outreach agreement and network filled in. Written in several transactions, as people type.
 */
export function sectionContent(section: SectionKey): Uint8Array {
	const doc = new Y.Doc();
	defineSchema(doc, section);
	switch (sectionKind(section)) {
		case 'own_words':
			paragraphs(ownWordsRoots(doc).text, OWN_WORDS, 4);
			break;
		case 'dimension': {
			const { situation, goals } = dimensionRoots(doc);
			paragraphs(situation, SITUATION, 3);
			for (let g = 0; g < 2; g++) {
				addGoal(goals, `Mål ${g + 1}: en stabil hverdag med faste aftaler`);
				const actions = (goals.get(g) as Y.Map<unknown>).get('actions') as Y.Array<Y.Map<unknown>>;
				for (let a = 0; a < 3; a++) {
					addAction(actions, {
						what: 'Ringe til jobcentret sammen og aftale et møde',
						owner: { kind: 'organisation', id: null, label: 'Jobcenter Nordby' },
						due: '2026-12-15'
					});
				}
			}
			break;
		}
		case 'outreach': {
			const { agreement, whomToCall, notes } = outreachRoots(doc);
			setLetIn(agreement, 'ask_first');
			for (let c = 0; c < 3; c++) {
				addContact(whomToCall, { name: 'Søster Anne', relation: 'søster', phone: '20 00 00 00' });
			}
			paragraphs(notes, SITUATION, 2);
			break;
		}
		case 'network':
			for (let p = 0; p < 5; p++) {
				addPerson(networkRoots(doc).people, {
					name: 'Morten Jensen',
					relation: 'ven',
					contact: 'via borgeren',
					involvement: 'Kommer med til møder, når borgeren ønsker det.'
				});
			}
			break;
		case 'action_plan_141': {
			const { plan, alignment } = actionPlanRoots(doc);
			plan.set('reference', 'HP-2026-0042');
			plan.set('date', '2026-10-01');
			paragraphs(alignment, SITUATION, 2);
			break;
		}
	}
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}
