import { gatherPresence, type PresenceEntry, type PresenceUser } from './presence';
import { SectionConnection } from './section-connection.svelte';
import type { SectionKey } from './sections';

export type SaveState = 'connecting' | 'saving' | 'saved' | 'offline';
export type { PresenceEntry } from './presence';

export interface PlanSessionOptions {
	citizenId: string;
	sections: { key: SectionKey; canWrite: boolean }[];
	me: PresenceUser;
	/** Defaults to this page's own origin: the Yjs endpoint shares the app's port and cookie. */
	serverUrl?: string;
}

/** The live plan of one citizen on one page: a connection per visible section, and their sum. */
export class PlanSession {
	readonly connections: SectionConnection[];
	readonly me: PresenceUser;
	activeSection = $state<SectionKey | null>(null);

	// Plain getters over the connections' $state: cheap to recompute, and they leave every effect
	// (such as the indicator's settle delay) to the components that show the result.

	/** Whether every edit on this page is stored, summed over the sections. */
	get saveState(): SaveState {
		const open = this.connections.filter((c) => c.status !== 'closed');
		if (open.some((c) => c.status === 'offline')) return 'offline';
		if (open.some((c) => !c.synced || c.status !== 'connected')) return 'connecting';
		if (open.some((c) => !c.saved)) return 'saving';
		return 'saved';
	}

	get presence(): PresenceEntry[] {
		return gatherPresence(
			this.me,
			this.activeSection,
			this.connections.map((c) => ({ section: c.section, peers: c.peers }))
		);
	}

	constructor(options: PlanSessionOptions) {
		this.me = options.me;
		const serverUrl = options.serverUrl ?? defaultServerUrl();
		this.connections = options.sections.map(
			(section) =>
				new SectionConnection({
					citizenId: options.citizenId,
					section: section.key,
					canWrite: section.canWrite,
					serverUrl,
					me: options.me
				})
		);
	}

	connection(section: SectionKey): SectionConnection | undefined {
		return this.connections.find((c) => c.section === section);
	}

	/** Tells the others which section this user works in (focus inside it), or none. */
	setActive(section: SectionKey | null): void {
		this.activeSection = section;
		for (const connection of this.connections) connection.setActive(connection.section === section);
	}

	destroy(): void {
		for (const connection of this.connections) connection.destroy();
	}
}

function defaultServerUrl(): string {
	return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/yjs`;
}
