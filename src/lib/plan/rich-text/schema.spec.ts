import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { richTextSchema as schema, splitListItem, toggleBulletList } from './schema';

function stateAt(json: unknown, pos: number): EditorState {
	const doc = schema.nodeFromJSON(json);
	return EditorState.create({ doc, selection: TextSelection.create(doc, pos) });
}

function run(state: EditorState, command: typeof splitListItem): EditorState {
	let next = state;
	command(state, (tr) => (next = state.apply(tr)));
	return next;
}

const paragraph = (text?: string) => ({
	type: 'paragraph',
	...(text ? { content: [{ type: 'text', text }] } : {})
});
const list = (...items: unknown[][]) => ({
	type: 'bullet_list',
	content: items.map((content) => ({ type: 'list_item', content }))
});

describe('rich text lists', () => {
	it('toggles a paragraph into a bullet list and back', () => {
		const listed = run(stateAt({ type: 'doc', content: [paragraph('a')] }, 1), toggleBulletList);
		expect(listed.doc.toJSON()).toEqual({ type: 'doc', content: [list([paragraph('a')])] });
		const back = run(listed, toggleBulletList);
		expect(back.doc.toJSON()).toEqual({ type: 'doc', content: [paragraph('a')] });
	});

	it('Enter makes a new item, and Enter on an empty last item leaves the list', () => {
		const start = stateAt({ type: 'doc', content: [list([paragraph('a')])] }, 4);
		const twoItems = run(start, splitListItem);
		expect(twoItems.doc.toJSON()).toEqual({
			type: 'doc',
			content: [list([paragraph('a')], [paragraph()])]
		});
		const left = run(twoItems, splitListItem);
		expect(left.doc.toJSON()).toEqual({
			type: 'doc',
			content: [list([paragraph('a')]), paragraph()]
		});
	});
});
