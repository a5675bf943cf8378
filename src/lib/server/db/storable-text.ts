import { z } from 'zod';

/**
 * PostgreSQL refuses a NUL character in text and jsonb, and a broken UTF-16 pair in jsonb. Text
 * that a person typed or pasted (or a probe put in a URL) keeps every other character, with
 * U+FFFD in their place, instead of failing the statement.
 */
export function storableText(text: string): string {
	return text.replaceAll('\0', '\uFFFD').toWellFormed();
}

/**
 * A field a person typed into: storable and trimmed, and still a string schema, so limits such
 * as `.min()` and `.max()` chain on. Pasted control characters are never the error that loses
 * what was typed.
 */
export function typedText() {
	return z.string().overwrite(storableText).trim();
}
