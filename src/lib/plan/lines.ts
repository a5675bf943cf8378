import { formatDanishDate } from '../dates';
import { t } from '../i18n';
import type { RichText, SectionData } from './read';

const textLines = (label: string, text: RichText): string[] =>
	text.plain
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => `${label}: ${line}`);

/**
 * A section as lines of plain Danish, one fact per line, so two versions can be compared line by
 * line and a change reads as a sentence ("Handling: Søg boligstøtte – ansvarlig: Jobcenter").
 */
export function sectionLines(data: SectionData): string[] {
	const h = t.plan.history.lines;
	switch (data.kind) {
		case 'own_words':
			return textLines(h.ownWords, data.text);
		case 'dimension':
			return [
				...textLines(h.situation, data.situation),
				...data.goals.flatMap((goal) => [
					`${h.goal}: ${goal.title || '–'}`,
					...goal.subgoals.map((s) => `  ${h.subgoal}: ${s.title || '–'}`),
					...goal.actions.map(
						(a) =>
							`  ${h.action}: ${a.what || '–'}` +
							(a.ownerLabel ? ` – ${h.owner}: ${a.ownerLabel}` : '') +
							(a.due ? ` – ${h.due}: ${formatDanishDate(a.due)}` : '') +
							` – ${t.plan.action.statuses[a.status]}`
					)
				])
			];
		case 'outreach':
			return [
				`${h.letIn}: ${t.plan.outreach.letInAnswers[data.mayLetThemselvesIn]}`,
				...data.whomToCall.map(
					(c) =>
						`${h.call}: ${c.name || '–'}${c.relation ? ` (${c.relation})` : ''}${c.phone ? ` ${c.phone}` : ''}`
				),
				...textLines(h.notes, data.notes)
			];
		case 'network':
			return data.people.map(
				(p) =>
					`${h.person}: ${p.name || '–'}${p.relation ? ` (${p.relation})` : ''}` +
					(p.involvement ? ` – ${p.involvement}` : '')
			);
		case 'action_plan_141':
			return [
				...(data.reference ? [`${h.reference}: ${data.reference}`] : []),
				...(data.date ? [`${h.date}: ${formatDanishDate(data.date)}`] : []),
				...textLines(h.alignment, data.alignment)
			];
	}
}
