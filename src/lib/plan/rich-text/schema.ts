import { lift, toggleMark, wrapIn } from 'prosemirror-commands';
import { Schema, type MarkType, type NodeType } from 'prosemirror-model';
import { marks, nodes } from 'prosemirror-schema-basic';
import type { Command, EditorState } from 'prosemirror-state';
import { RICH } from '../schema';

/**
 * The editor's document model: paragraphs, bullet lists, bold and italic. Node and mark names are
 * what y-prosemirror stores in the Y.XmlFragment, so they come from the plan schema (RICH) that
 * the server's reader also uses; renaming one here would orphan stored text.
 */
export const richTextSchema = new Schema({
	nodes: {
		doc: nodes.doc,
		[RICH.paragraph]: nodes.paragraph,
		[RICH.bulletList]: {
			content: `${RICH.listItem}+`,
			group: 'block',
			parseDOM: [{ tag: 'ul' }],
			toDOM: () => ['ul', 0]
		},
		[RICH.listItem]: {
			content: `${RICH.paragraph} block*`,
			defining: true,
			parseDOM: [{ tag: 'li' }],
			toDOM: () => ['li', 0]
		},
		text: nodes.text
	},
	marks: { [RICH.bold]: marks.strong, [RICH.italic]: marks.em }
});

const node = (name: string): NodeType => richTextSchema.nodes[name]!;
const mark = (name: string): MarkType => richTextSchema.marks[name]!;

export const toggleBold: Command = toggleMark(mark(RICH.bold));
export const toggleItalic: Command = toggleMark(mark(RICH.italic));

export function isMarkActive(state: EditorState, name: 'bold' | 'italic'): boolean {
	const type = mark(name === 'bold' ? RICH.bold : RICH.italic);
	const { from, $from, to, empty } = state.selection;
	if (empty) return type.isInSet(state.storedMarks ?? $from.marks()) !== undefined;
	return state.doc.rangeHasMark(from, to, type);
}

export function isInBulletList(state: EditorState): boolean {
	const { $from } = state.selection;
	for (let depth = $from.depth; depth > 0; depth--) {
		if ($from.node(depth).type === node(RICH.bulletList)) return true;
	}
	return false;
}

/**
 * Turns the selected paragraphs into a bullet list, or back into paragraphs. `lift` finds the
 * nearest ancestor that may hold a paragraph; a list may not, so it goes past both the item and
 * the list in one step, splitting the list around the selection.
 */
export const toggleBulletList: Command = (state, dispatch) =>
	isInBulletList(state) ? lift(state, dispatch) : wrapIn(node(RICH.bulletList))(state, dispatch);

/**
 * Enter inside a list item: a new item, or, on an empty last item, leave the list — the behaviour
 * people expect from word processors. (prosemirror-schema-list does this too; the plan's lists
 * need only this much, so it is not a dependency.)
 */
export const splitListItem: Command = (state, dispatch) => {
	const { $from, $to } = state.selection;
	if ($from.depth < 2 || !$from.sameParent($to)) return false;
	const listItem = $from.node(-1);
	if (listItem.type !== node(RICH.listItem)) return false;
	if ($from.parent.content.size === 0 && listItem.childCount === 1) {
		return lift(state, dispatch);
	}
	if (dispatch) {
		const tr = state.tr.delete($from.pos, $to.pos);
		dispatch(tr.split(tr.mapping.map($from.pos), 2).scrollIntoView());
	}
	return true;
};
