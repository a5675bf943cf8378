import type { Attachment } from 'svelte/attachments';
import type * as Y from 'yjs';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Marks this browser's own edits from a text field, so its observer does not echo them back. */
const FIELD_ORIGIN = Symbol('plan-field');

/**
 * Binds a text field to a Y.Text, both ways. Typing becomes the smallest insert/delete at the
 * caret (so two people typing in one title merge instead of overwriting each other); a remote
 * change updates the field and moves the caret with the text around it.
 */
export function bindText(text: Y.Text): Attachment<TextField> {
	return (field) => {
		field.value = text.toString();
		const onInput = () => {
			const change = diff(text.toString(), field.value, field.selectionEnd ?? field.value.length);
			if (!change) return;
			const apply = () => {
				if (change.removed > 0) text.delete(change.index, change.removed);
				if (change.inserted) text.insert(change.index, change.inserted);
			};
			if (text.doc) text.doc.transact(apply, FIELD_ORIGIN);
			else apply();
		};
		const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
			if (transaction.origin === FIELD_ORIGIN && transaction.local) return;
			const next = text.toString();
			if (field.value === next) return;
			const focused = document.activeElement === field;
			const start = field.selectionStart ?? 0;
			const end = field.selectionEnd ?? 0;
			field.value = next;
			if (focused) {
				field.setSelectionRange(mapIndex(event.delta, start), mapIndex(event.delta, end));
			}
		};
		field.addEventListener('input', onInput);
		text.observe(onChange);
		return () => {
			field.removeEventListener('input', onInput);
			text.unobserve(onChange);
		};
	};
}

/**
 * Binds a text field to a string in a Y.Map (short fields such as a name or a phone number, where
 * the last writer wins). A remote change replaces the value, keeping the caret where it was.
 */
export function bindMapString(map: Y.Map<unknown>, key: string): Attachment<TextField> {
	const read = () => {
		const value = map.get(key);
		return typeof value === 'string' ? value : '';
	};
	return (field) => {
		field.value = read();
		const onInput = () => {
			if (map.doc) map.doc.transact(() => map.set(key, field.value), FIELD_ORIGIN);
			else map.set(key, field.value);
		};
		const onChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
			if (!event.keysChanged.has(key)) return;
			if (transaction.origin === FIELD_ORIGIN && transaction.local) return;
			const next = read();
			if (field.value === next) return;
			const focused = document.activeElement === field;
			const start = field.selectionStart ?? 0;
			field.value = next;
			if (focused)
				field.setSelectionRange(Math.min(start, next.length), Math.min(start, next.length));
		};
		field.addEventListener('input', onInput);
		map.observe(onChange);
		return () => {
			field.removeEventListener('input', onInput);
			map.unobserve(onChange);
		};
	};
}

export interface TextChange {
	index: number;
	removed: number;
	inserted: string;
}

/**
 * The single edit that turns `before` into `after`. The caret disambiguates repeated letters:
 * typing "a" into "aa" at the start is an insert at 0, not at 2, which matters when a colleague
 * edits the same text at the same time.
 */
export function diff(before: string, after: string, caret: number): TextChange | null {
	if (before === after) return null;
	const grown = Math.max(0, after.length - before.length);
	const maxPrefix = Math.min(before.length, after.length, Math.max(0, caret - grown));
	let prefix = 0;
	while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
	let suffix = 0;
	const maxSuffix = Math.min(before.length, after.length) - prefix;
	while (
		suffix < maxSuffix &&
		before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
	) {
		suffix++;
	}
	return {
		index: prefix,
		removed: before.length - prefix - suffix,
		inserted: after.slice(prefix, after.length - suffix)
	};
}

type Delta = Y.YTextEvent['delta'];

/** Where an index of the old text is in the new one; text inserted exactly there lands after it. */
export function mapIndex(delta: Delta, index: number): number {
	let old = 0;
	let shift = 0;
	for (const op of delta) {
		if (old > index) break;
		if (op.retain !== undefined) {
			old += op.retain;
		} else if (op.insert !== undefined) {
			if (old < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
		} else if (op.delete !== undefined) {
			shift -= Math.min(op.delete, Math.max(0, index - old));
			old += op.delete;
		}
	}
	return Math.max(0, index + shift);
}
