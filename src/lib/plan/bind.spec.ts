import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { diff, mapIndex } from './bind';

describe('text field binding', () => {
	it('turns an edit into the smallest change at the caret', () => {
		expect(diff('aa', 'aaa', 1)).toEqual({ index: 0, removed: 0, inserted: 'a' });
		expect(diff('aa', 'aab', 3)).toEqual({ index: 2, removed: 0, inserted: 'b' });
		expect(diff('abc', 'axc', 2)).toEqual({ index: 1, removed: 1, inserted: 'x' });
		expect(diff('abc', 'ac', 1)).toEqual({ index: 1, removed: 1, inserted: '' });
		expect(diff('same', 'same', 4)).toBeNull();
	});

	it('moves the caret with the text when a colleague edits before it', () => {
		const doc = new Y.Doc();
		const text = doc.getText('title');
		text.insert(0, 'Egen bolig');
		let delta: Y.YTextEvent['delta'] = [];
		text.observe((event) => (delta = event.delta));
		text.insert(0, 'Få ');
		expect(mapIndex(delta, 4)).toBe(7);
		expect(mapIndex(delta, 0)).toBe(0);
		text.delete(0, 3);
		expect(mapIndex(delta, 7)).toBe(4);
		expect(mapIndex(delta, 1)).toBe(0);
	});
});
