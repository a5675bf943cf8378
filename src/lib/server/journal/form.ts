import { fromCopenhagenLocal } from '../../dates';
import { contactSchema, type ContactInput } from './contacts';

export type ContactFormError = 'future' | 'too_old' | 'duration' | 'note_too_long' | 'input';

/** Validates a contact from a form or JSON body; the first problem names the field for the user. */
export function parseContact(
	raw: Record<string, unknown>,
	now: Date = new Date()
): { ok: true; value: ContactInput } | { ok: false; error: ContactFormError } {
	// A form posted without JavaScript sends the browser's datetime-local value: Danish wall time.
	const occurredAt =
		typeof raw.occurredAt === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw.occurredAt)
			? fromCopenhagenLocal(raw.occurredAt)
			: raw.occurredAt;
	const parsed = contactSchema(now).safeParse({ ...raw, occurredAt });
	if (parsed.success) return { ok: true, value: parsed.data };
	const known = ['future', 'too_old', 'duration', 'note_too_long'] as const;
	const message = parsed.error.issues[0]?.message;
	const error = known.find((k) => k === message) ?? 'input';
	return { ok: false, error };
}
