import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseAwareness, type AwarenessState, type PresenceUser } from './presence';
import { MESSAGE_SAVED, SAVED_PARAM } from './protocol';
import { SaveTracker } from './saved';
import { defineSchema, ensureSchema } from './schema';
import { planDocumentName, type SectionKey } from './sections';

export type SectionStatus = 'connecting' | 'connected' | 'offline' | 'closed';

export interface Peer extends AwarenessState {
	clientId: number;
}

export interface SectionConnectionOptions {
	citizenId: string;
	section: SectionKey;
	canWrite: boolean;
	/** e.g. wss://samplan.kommune.dk/yjs */
	serverUrl: string;
	me: PresenceUser;
}

/**
 * One plan section's live document: its own Y.Doc and y-websocket provider, with what the page
 * needs to tell the truth about it — connected or not, synced, every local edit stored or not —
 * and who else is in it.
 */
export class SectionConnection {
	readonly section: SectionKey;
	readonly canWrite: boolean;
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;

	status = $state<SectionStatus>('connecting');
	synced = $state(false);
	/** True from the first sync on: a reconnect must not unmount the editors and lose focus. */
	loaded = $state(false);
	saved = $state(true);
	/** False when the stored document is of a newer schema than this client knows. */
	compatible = $state(true);
	peers = $state<Peer[]>([]);

	readonly #tracker = new SaveTracker();
	#failed = false;
	#everConnected = false;

	constructor(options: SectionConnectionOptions) {
		this.section = options.section;
		this.canWrite = options.canWrite;
		const tracker = this.#tracker;

		// The provider creates a socket per connection attempt; this subclass lets the tracker
		// see each new socket and count the updates it sends (see SaveTracker).
		class TrackedWebSocket extends WebSocket {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols);
				tracker.socketOpened();
			}
			override send(data: Parameters<WebSocket['send']>[0]): void {
				if (data instanceof Uint8Array) tracker.sent(data);
				super.send(data);
			}
		}

		this.provider = new WebsocketProvider(
			options.serverUrl,
			planDocumentName(options.citizenId, options.section),
			this.doc,
			{
				params: { [SAVED_PARAM]: '1' },
				// Tabs must not sync with each other behind the server's back: it decides access.
				disableBc: true,
				WebSocketPolyfill: TrackedWebSocket,
				connect: false
			}
		);
		this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
			tracker.acknowledged(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
			this.#refreshSaved();
		};
		this.provider.awareness.setLocalState({ user: options.me, active: false });

		this.doc.on('update', this.#onUpdate);
		this.provider.on('status', this.#onStatus);
		this.provider.on('connection-close', this.#onClose);
		this.provider.on('closed', this.#onTerminalClose);
		this.provider.on('sync', this.#onSync);
		this.provider.awareness.on('change', this.#onAwareness);
		this.provider.connect();
	}

	setActive(active: boolean): void {
		if (this.provider.awareness.getLocalState()?.active !== active) {
			this.provider.awareness.setLocalStateField('active', active);
		}
	}

	destroy(): void {
		this.doc.off('update', this.#onUpdate);
		this.provider.awareness.off('change', this.#onAwareness);
		this.provider.destroy();
		// Destroying the document also stops its awareness' timers.
		this.doc.destroy();
	}

	#onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === this.provider) this.#tracker.receivedFromServer(update);
		this.#refreshSaved();
	};

	#onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
		if (status === 'connected') {
			this.#everConnected = true;
			this.#failed = false;
			this.status = 'connected';
		} else if (this.status !== 'closed') {
			this.status = this.#everConnected || this.#failed ? 'offline' : 'connecting';
		}
		this.#refreshSaved();
	};

	#onClose = () => {
		this.#failed = true;
		if (this.status !== 'closed') this.status = 'offline';
	};

	/** The server closed for good (access ended, 4400–4499): the provider stops retrying. */
	#onTerminalClose = () => {
		this.status = 'closed';
	};

	#onSync = (isSynced: boolean) => {
		this.synced = isSynced;
		if (!isSynced) return;
		// Only after the stored state has arrived, so a stored document is never initialised again;
		// and never on a read-only connection, whose writes the server would silently drop.
		const schema = this.canWrite
			? ensureSchema(this.doc, this.section)
			: defineSchema(this.doc, this.section);
		this.compatible = schema.compatible;
		this.loaded = true;
		this.#refreshSaved();
	};

	#onAwareness = () => {
		const own = this.doc.clientID;
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			const parsed = clientId === own ? null : parseAwareness(state);
			if (parsed) peers.push({ clientId, ...parsed });
		}
		this.peers = peers;
	};

	#refreshSaved(): void {
		// A read-only connection has nothing of its own to save.
		this.saved =
			!this.canWrite || this.#tracker.isSaved(Y.decodeStateVector(Y.encodeStateVector(this.doc)));
	}
}
