import { addDays, addMinutes, differenceInCalendarDays } from 'date-fns';
import { formatDanishDate } from '../../../dates';
import * as Y from 'yjs';
import {
	addAction,
	addContact,
	addGoal,
	addPerson,
	addSubgoal,
	setLetIn,
	type ActionOwner
} from '../../../plan/items';
import {
	actionPlanRoots,
	dimensionRoots,
	ensureSchema,
	itemArray,
	networkRoots,
	outreachRoots,
	ownWordsRoots,
	RICH,
	type ActionStatus,
	type ItemMap
} from '../../../plan/schema';
import { readSection } from '../../../plan/read';
import {
	LIFE_DIMENSIONS,
	planDocumentName,
	type LifeDimension,
	type SectionKey
} from '../../../plan/sections';
import { itemRows } from '../../plan/projection';
import type {
	consents,
	planDocuments,
	planItems,
	planSectionRevisions,
	planUpdates
} from '../schema';
import type { CitizenPlan, Population } from './citizens';
import type { SeedContext } from './context';
import type { People } from './people';
import {
	ALIGNMENT,
	DIMENSION_TEXTS,
	HOUSING,
	NETWORK_PEOPLE,
	OUTREACH_NOTES,
	OWN_WORDS
} from './plan-texts';
import { atCopenhagen, isoDate, isWeekend } from './time';

export interface PlanRows {
	documents: (typeof planDocuments.$inferInsert)[];
	updates: (typeof planUpdates.$inferInsert)[];
	revisions: (typeof planSectionRevisions.$inferInsert)[];
	items: (typeof planItems.$inferInsert)[];
	/**
	 * A named version after the network meeting where the plan was first written; it holds each of
	 * the citizen's sections through its first stored update (the ids are known once stored).
	 */
	versions: { citizenId: string; name: string; createdBy: string; createdAt: Date }[];
}

/** Where the citizen has a home of their own now; elsewhere the housing goal is to find one. */
const HOUSED = new Set(['own_home', 'youth_flat']);

/** The weekday on or before a day: case managers write plans at work. */
function weekday(day: Date): Date {
	let result = day;
	while (isWeekend(result)) result = addDays(result, -1);
	return result;
}

/**
 * Every active citizen's plan, written by their case manager as after a few meetings: the
 * citizen's own words, housing and two to four other life dimensions (the worked cases all but
 * two), the outreach agreement, the network and, for most, the § 141 action plan. Each section is
 * one stored update, with the rows the server's projection would write for it.
 */
export function buildPlans(
	ctx: SeedContext,
	people: People,
	population: Population,
	consentRows: readonly (typeof consents.$inferInsert)[]
): PlanRows {
	const { rnd, today } = ctx;
	// A partner is given an action only in a plan the citizen shares with them.
	const sharing = new Set(
		consentRows.map((consent) => `${consent.citizenId} ${consent.organisationId ?? ''}`)
	);
	const rows: PlanRows = { documents: [], updates: [], revisions: [], items: [], versions: [] };

	/** A weekday between 9 and 16, some days ago: when case managers write plans. */
	const workTime = (fromDaysAgo: number, toDaysAgo: number) =>
		atCopenhagen(
			weekday(addDays(today, -rnd.int(fromDaysAgo, toDaysAgo))),
			rnd.int(9, 15),
			rnd.int(0, 59)
		);

	/**
	 * One section: written at the meeting, and (for a revisited plan) changed once since, so the
	 * history has something to compare. The projection rows are those of the final state.
	 */
	const write = (
		plan: CitizenPlan,
		section: SectionKey,
		meeting: Date | null,
		fill: (doc: Y.Doc, written: Date) => void,
		revise?: (doc: Y.Doc) => void
	) => {
		// Otherwise last written on a weekday in the past six weeks, after the case manager took over.
		const since = Math.max(1, Math.min(42, differenceInCalendarDays(today, plan.assignedOn!)));
		const written = meeting ?? workTime(1, since);
		const doc = new Y.Doc();
		ensureSchema(doc, section);
		doc.transact(() => fill(doc, written));
		const name = planDocumentName(plan.id, section);
		const author = plan.caseManager!.id;
		rows.updates.push({
			documentName: name,
			update: Y.encodeStateAsUpdate(doc),
			authorId: author,
			createdAt: written
		});
		let last = written;
		if (meeting && revise) {
			const before = Y.encodeStateVector(doc);
			doc.transact(() => revise(doc));
			last = workTime(1, 10);
			rows.updates.push({
				documentName: name,
				update: Y.encodeStateAsUpdate(doc, before),
				authorId: author,
				createdAt: last
			});
		}
		rows.documents.push({
			name,
			citizenId: plan.id,
			section,
			createdAt: plan.assignedAt!,
			lastUpdateAt: last
		});
		rows.revisions.push({
			citizenId: plan.id,
			section,
			lastRevisedAt: last,
			lastRevisedBy: author
		});
		rows.items.push(...itemRows(plan.id, section, readSection(doc, section), last));
		doc.destroy();
	};

	/** Since the meeting: the first open action done, and one more step agreed. */
	const followUp = (plan: CitizenPlan, key: LifeDimension) => (doc: Y.Doc) => {
		const goal = dimensionRoots(doc).goals.get(0);
		const actions = goal ? itemArray(goal, 'actions') : null;
		if (!actions) return;
		const open = actions.toArray().find((action) => action.get('status') !== 'done');
		setStatus(open, 'done');
		const used = new Set(actions.toArray().map((action) => String(action.get('what'))));
		const next = textsFor(plan, key).actions.find((action) => !used.has(action.what));
		if (next) {
			addAction(actions, {
				what: next.what,
				owner: ownerFor(plan, next.by),
				due: isoDate(addDays(today, rnd.int(7, 30)))
			});
		}
	};

	const ownerFor = (plan: CitizenPlan, by: string): ActionOwner => {
		if (by === 'case_manager') {
			return { kind: 'user', id: plan.caseManager!.id, label: plan.caseManager!.name };
		}
		if (by === 'citizen') return { kind: 'citizen', id: null, label: plan.firstName };
		const organisation = people.organisations[by as keyof People['organisations']];
		if (!sharing.has(`${plan.id} ${organisation.id}`)) return ownerFor(plan, 'case_manager');
		return { kind: 'organisation', id: organisation.id, label: organisation.name };
	};

	const textsFor = (plan: CitizenPlan, key: LifeDimension) =>
		key === 'housing'
			? HOUSING[HOUSED.has(plan.stints.at(-1)?.situation ?? '') ? 'housed' : 'unhoused']
			: DIMENSION_TEXTS[key];

	const dimension = (plan: CitizenPlan, key: LifeDimension, doc: Y.Doc, written: Date) => {
		const texts = textsFor(plan, key);
		const { situation, goals } = dimensionRoots(doc);
		paragraph(situation, rnd.pick(texts.situations));
		const goal = rnd.pick(texts.goals);
		addGoal(goals, goal.title);
		const added = goals.get(goals.length - 1);
		for (const subgoal of goal.subgoals) addSubgoal(itemArray(added, 'subgoals')!, subgoal);
		const actions = itemArray(added, 'actions')!;
		for (const action of rnd.shuffle(texts.actions).slice(0, rnd.int(1, 3))) {
			// Agreed when the plan was written, due one to seven weeks later.
			const due = weekday(addDays(written, rnd.int(7, 49)));
			addAction(actions, {
				what: action.what,
				owner: ownerFor(plan, action.by),
				due: isoDate(due)
			});
			setStatus(actions.get(actions.length - 1), statusFor(differenceInCalendarDays(due, today)));
		}
	};

	const statusFor = (dueInDays: number): ActionStatus => {
		if (dueInDays < -3 && rnd.chance(0.7)) return 'done';
		return rnd.chance(0.3) ? 'in_progress' : 'open';
	};

	for (const plan of population.citizens) {
		if (plan.status !== 'active' || !plan.caseManager) continue;
		// Plans older than six weeks were written at a network meeting, and some changed since.
		const known = differenceInCalendarDays(today, plan.assignedOn!);
		const meeting =
			known > 45 && (plan.featured || rnd.chance(0.5))
				? atCopenhagen(weekday(addDays(today, -rnd.int(21, 42))), 10, 0)
				: null;
		if (meeting) {
			rows.versions.push({
				citizenId: plan.id,
				name: `Netværksmøde ${formatDanishDate(meeting)}`,
				createdBy: plan.caseManager.id,
				createdAt: addMinutes(meeting, 90)
			});
		}
		write(plan, 'own_words', meeting, (doc) => {
			for (const words of rnd.shuffle(OWN_WORDS).slice(0, plan.featured ? 3 : rnd.int(1, 2))) {
				paragraph(ownWordsRoots(doc).text, words);
			}
		});
		const others = rnd.shuffle(LIFE_DIMENSIONS.filter((key) => key !== 'housing'));
		const chosen = others.slice(0, plan.featured ? 5 : rnd.int(2, 4));
		for (const key of ['housing', ...chosen] as LifeDimension[]) {
			write(
				plan,
				key,
				meeting,
				(doc, written) => dimension(plan, key, doc, written),
				followUp(plan, key)
			);
		}
		const network = rnd.shuffle(NETWORK_PEOPLE).slice(0, rnd.int(1, 3));
		write(plan, 'outreach', meeting, (doc) => {
			const { agreement, whomToCall, notes } = outreachRoots(doc);
			setLetIn(agreement, rnd.pick(['ask_first', 'no', 'yes'] as const));
			const person = network[0]!;
			addContact(whomToCall, { name: person.name, relation: person.relation });
			paragraph(notes, rnd.pick(OUTREACH_NOTES));
		});
		write(plan, 'network', meeting, (doc) => {
			for (const person of network) addPerson(networkRoots(doc).people, person);
		});
		if (plan.featured || rnd.chance(0.6)) {
			write(plan, 'action_plan_141', meeting, (doc) => {
				const { plan: actionPlan, alignment } = actionPlanRoots(doc);
				const made = addDays(today, -rnd.int(30, 300));
				actionPlan.set('reference', `HP-${isoDate(made).slice(0, 4)}-${rnd.int(1000, 9999)}`);
				actionPlan.set('date', isoDate(made));
				paragraph(alignment, rnd.pick(ALIGNMENT));
			});
		}
	}
	return rows;
}

function paragraph(fragment: Y.XmlFragment, text: string): void {
	const element = new Y.XmlElement(RICH.paragraph);
	element.insert(0, [new Y.XmlText(text)]);
	fragment.insert(fragment.length, [element]);
}

function setStatus(action: ItemMap | undefined, status: ActionStatus): void {
	action?.set('status', status);
}
