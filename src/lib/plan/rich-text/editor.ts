import { baseKeymap } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { redoCommand, undoCommand, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { presenceColour, presenceName } from '../presence';
import {
	richTextSchema,
	splitListItem,
	toggleBold,
	toggleBulletList,
	toggleItalic
} from './schema';

export interface RichTextEditorOptions {
	fragment: Y.XmlFragment;
	awareness: Awareness;
	editable: boolean;
	/** Id of the visible label, which names the text box for assistive technology. */
	labelledBy: string;
	onStateChange?: (state: EditorState) => void;
}

/**
 * A ProseMirror editor bound to one Y.XmlFragment: y-prosemirror keeps document and fragment in
 * step, draws the others' cursors from awareness, and gives each user an undo history of only
 * their own edits (Yjs' UndoManager tracks the local origin, never a colleague's typing).
 */
export function createRichTextEditor(place: HTMLElement, options: RichTextEditorOptions) {
	const state = EditorState.create({
		schema: richTextSchema,
		plugins: [
			ySyncPlugin(options.fragment),
			yCursorPlugin(options.awareness, { cursorBuilder, selectionBuilder }),
			yUndoPlugin(),
			keymap({
				'Mod-z': undoCommand,
				'Mod-y': redoCommand,
				'Mod-Shift-z': redoCommand,
				'Mod-b': toggleBold,
				'Mod-i': toggleItalic,
				'Mod-Shift-8': toggleBulletList,
				Enter: splitListItem
			}),
			keymap(baseKeymap)
		]
	});
	const view: EditorView = new EditorView(place, {
		state,
		editable: () => options.editable,
		attributes: {
			class: 'rich-text-editor',
			role: 'textbox',
			'aria-multiline': 'true',
			'aria-labelledby': options.labelledBy,
			// A read-only text is still reachable by keyboard, so it can be read and copied.
			...(options.editable ? {} : { 'aria-readonly': 'true', tabindex: '0' })
		},
		// `this`, not `view`: y-prosemirror already dispatches while the view is being constructed.
		dispatchTransaction(this: EditorView, transaction) {
			const next = this.state.apply(transaction);
			this.updateState(next);
			options.onStateChange?.(next);
		}
	});
	options.onStateChange?.(view.state);
	return view;
}

interface CursorUser {
	name?: unknown;
	color?: unknown;
}

/**
 * A colleague's caret: a coloured bar with their name. Hidden from screen readers, which get the
 * same information from the presence list instead of names read out in the middle of the text.
 */
function cursorBuilder(user: CursorUser): HTMLElement {
	const colour = presenceColour(user.color);
	const cursor = document.createElement('span');
	cursor.className = 'remote-cursor';
	cursor.setAttribute('aria-hidden', 'true');
	cursor.style.borderColor = colour;
	const label = document.createElement('span');
	label.className = 'remote-cursor-label';
	label.style.backgroundColor = colour;
	label.textContent = presenceName(user.name);
	// Word joiners keep the caret from breaking a line on its own, as y-prosemirror's default does.
	cursor.append('\u2060', label, '\u2060');
	return cursor;
}

function selectionBuilder(user: CursorUser) {
	// A light tint (20 % opacity) keeps the selected text readable.
	return { class: 'remote-selection', style: `background-color: ${presenceColour(user.color)}33` };
}
