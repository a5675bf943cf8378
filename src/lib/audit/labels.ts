import { t } from '$lib/i18n';

const actions: Record<string, string> = t.audit.actions;
const purposes: Record<string, string> = t.audit.purposes;

/** An audit row's action in Danish; a code this version does not know is never shown as code. */
export function auditActionLabel(code: string): string {
	return Object.hasOwn(actions, code) ? actions[code]! : t.audit.otherAction;
}

/** An audit row's purpose in Danish ('–' when none was recorded). */
export function auditPurposeLabel(code: string | null): string {
	if (code === null) return '–';
	return Object.hasOwn(purposes, code) ? purposes[code]! : t.audit.otherPurpose;
}
