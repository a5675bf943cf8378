import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAction, addGoal } from './items';
import { sectionLines } from './lines';
import { actionPlanRoots, dimensionRoots, ensureSchema, itemArray } from './schema';
import { readSection } from './read';

describe('a plan section as lines for the history', () => {
	it('gives deadlines and dates as Danish dates, not as stored', () => {
		const doc = new Y.Doc();
		ensureSchema(doc, 'housing');
		const goals = dimensionRoots(doc).goals;
		addGoal(goals, 'Egen bolig');
		addAction(itemArray(goals.get(0), 'actions')!, { what: 'Søg boligstøtte', due: '2026-12-06' });
		expect(sectionLines(readSection(doc, 'housing'))).toContain(
			'  Handling: Søg boligstøtte – frist: 6. december 2026 – Ikke startet'
		);

		const linked = new Y.Doc();
		ensureSchema(linked, 'action_plan_141');
		actionPlanRoots(linked).plan.set('date', '2026-03-01');
		expect(sectionLines(readSection(linked, 'action_plan_141'))).toContain('Dato: 1. marts 2026');
	});

	it('shows a deadline that is no calendar day as written, instead of failing the history page', () => {
		const doc = new Y.Doc();
		ensureSchema(doc, 'economy');
		const goals = dimensionRoots(doc).goals;
		addGoal(goals, 'Overblik');
		addAction(itemArray(goals.get(0), 'actions')!, { what: 'Budget', due: '2026-02-31' });
		expect(sectionLines(readSection(doc, 'economy'))).toContain(
			'  Handling: Budget – frist: 2026-02-31 – Ikke startet'
		);
	});
});
