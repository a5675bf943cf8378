/**
 * How a Yjs document's edits and presence reach the other instances that have it loaded. The Yjs
 * server knows only this interface; Redis is one implementation (./redis.ts).
 */
export type PeerMessage =
	/** An update that is already stored: apply and relay it, never store it again. */
	| { kind: 'update'; update: Uint8Array }
	/** A y-protocols awareness update (presence); never stored. */
	| { kind: 'awareness'; update: Uint8Array }
	/** A peer has just loaded the document and asks who is present on the others. */
	| { kind: 'awareness-query' };

export type FanoutEvent =
	| PeerMessage
	/**
	 * Messages may have been lost (the transport was disconnected); the document must catch up from
	 * the store, which holds every update before it is published.
	 */
	| { kind: 'missed' };

export interface DocumentFanout {
	/** Resolves once messages published for the document from now on will be received. */
	subscribe(documentName: string, receive: (event: FanoutEvent) => void): Promise<void>;
	unsubscribe(documentName: string): Promise<void>;
	/** Sends to every other instance; an instance never receives its own messages. */
	publish(documentName: string, message: PeerMessage): Promise<void>;
}
