import type { ActionOwner } from './items';
import type { SectionKey } from './sections';

/**
 * What the plan page's server load gives the editor (src/lib/server/plan/access.ts). Shared by
 * server and browser, so it holds only what the actor may see.
 */
export interface PlanSectionAccess {
	key: SectionKey;
	canWrite: boolean;
	/** A plan's own section (custom:<id>) carries the name it was given. */
	title?: string;
}

export interface NamedRef {
	id: string;
	name: string;
}

/** Who an action can be given to: the team's staff, the partner organisations, the citizen. */
export interface PlanOwnerOptions {
	users: NamedRef[];
	organisations: NamedRef[];
	citizenFirstName: string;
}

/** An owner as a select option's value, and back: 'user:<id>', 'organisation:<id>', 'citizen'. */
export function ownerValue(kind: string | null, id: string | null): string {
	if (kind === 'citizen') return 'citizen';
	return (kind === 'user' || kind === 'organisation') && id ? `${kind}:${id}` : '';
}

export function ownerFromValue(value: string, options: PlanOwnerOptions): ActionOwner | null {
	if (value === 'citizen') {
		return { kind: 'citizen', id: null, label: options.citizenFirstName };
	}
	const [kind, id] = value.split(':');
	const list =
		kind === 'user' ? options.users : kind === 'organisation' ? options.organisations : [];
	const found = list.find((entry) => entry.id === id);
	return found && (kind === 'user' || kind === 'organisation')
		? { kind, id: found.id, label: found.name }
		: null;
}
