import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { DocumentFanout, FanoutEvent, PeerMessage } from './document-fanout';
import { decodeEnvelope, encodeEnvelope, INSTANCE_ID_BYTES } from './envelope';

export class RedisStartError extends Error {}

export interface RedisScaleOutOptions {
	url: string;
	/** Starts every channel name, so several deployments (or test runs) can share one Redis. */
	prefix: string;
	connectTimeoutMs?: number;
}

/** Everything several instances behind a load balancer share through Redis. */
export interface RedisScaleOut {
	/** For socket.io: `io.to(room).emit` reaches the room's sockets on every instance. */
	socketAdapter: ServerOptions['adapter'];
	/** For the Yjs server: stored updates and presence reach the other instances. */
	documents: DocumentFanout;
	/** Resolves once Redis has confirmed the socket.io adapter's subscriptions. */
	ready(): Promise<void>;
	/** Call after socket.io and the Yjs server are closed (their last messages go out first). */
	close(): Promise<void>;
}

/**
 * Connects to REDIS_URL or fails fast with a message naming it: start-up must not hang on an
 * unreachable Redis, nor run as a lone instance when the operator asked for several.
 */
export async function connectRedis(options: RedisScaleOutOptions): Promise<RedisScaleOut> {
	const timeoutMs = options.connectTimeoutMs ?? 5000;
	const clients: Redis[] = [];
	try {
		// A connection in subscriber mode can do nothing else, so each subscriber has its own.
		for (const role of ['publisher', 'socket-subscriber', 'yjs-subscriber']) {
			clients.push(await connectClient(options.url, `${options.prefix}:${role}`, timeoutMs));
		}
	} catch (error) {
		for (const client of clients) client.disconnect();
		throw error;
	}
	const [publisher, socketSubscriber, yjsSubscriber] = clients as [Redis, Redis, Redis];
	const documents = new RedisDocumentFanout(publisher, yjsSubscriber, options.prefix);
	return {
		socketAdapter: createAdapter(publisher, socketSubscriber, {
			key: `${options.prefix}:socket.io`
		}),
		documents,
		async ready() {
			// The adapter subscribes without waiting; a PING on the same connection is answered only
			// after those subscriptions are.
			await socketSubscriber.ping();
		},
		async close() {
			documents.stop();
			await Promise.all(
				clients.map((client) =>
					client.status === 'ready'
						? client.quit().catch(() => client.disconnect())
						: client.disconnect()
				)
			);
		}
	};
}

class RedisDocumentFanout implements DocumentFanout {
	private closed = false;
	private readonly instanceId = randomBytes(INSTANCE_ID_BYTES);
	private readonly receivers = new Map<string, (event: FanoutEvent) => void>();

	constructor(
		private readonly publisher: Redis,
		private readonly subscriber: Redis,
		private readonly prefix: string
	) {
		subscriber.on('messageBuffer', (channel: Buffer, envelope: Buffer) =>
			this.deliver(channel.toString(), envelope)
		);
		// Connected already, so every 'ready' from now on is a reconnect: whatever was published
		// while we were away is lost to us, but it is in the database.
		subscriber.on('ready', () => void this.catchUp());
	}

	async subscribe(documentName: string, receive: (event: FanoutEvent) => void): Promise<void> {
		const channel = this.channel(documentName);
		this.receivers.set(channel, receive);
		await this.subscriber.subscribe(channel);
	}

	async unsubscribe(documentName: string): Promise<void> {
		const channel = this.channel(documentName);
		this.receivers.delete(channel);
		if (!this.closed) await this.subscriber.unsubscribe(channel);
	}

	async publish(documentName: string, message: PeerMessage): Promise<void> {
		if (this.closed) return;
		await this.publisher.publish(
			this.channel(documentName),
			encodeEnvelope(this.instanceId, message)
		);
	}

	/** From now on publishing is a no-op: connections closing at shutdown still try to. */
	stop(): void {
		this.closed = true;
	}

	private channel(documentName: string): string {
		return `${this.prefix}:yjs:${documentName}`;
	}

	private deliver(channel: string, envelope: Buffer): void {
		const receive = this.receivers.get(channel);
		const decoded = decodeEnvelope(envelope);
		if (!receive || !decoded || this.instanceId.equals(decoded.sender)) return;
		try {
			receive(decoded.message);
		} catch (error) {
			console.error(`Redis message on ${channel} could not be applied:`, error);
		}
	}

	private async catchUp(): Promise<void> {
		try {
			// ioredis resubscribes before it reports 'ready'; the PING returns after Redis confirmed
			// it, so reloading from the database now cannot miss an update published meanwhile.
			await this.subscriber.ping();
		} catch {
			return;
		}
		for (const receive of this.receivers.values()) receive({ kind: 'missed' });
	}
}

async function connectClient(url: string, name: string, timeoutMs: number): Promise<Redis> {
	const client = new Redis(url, {
		lazyConnect: true,
		connectTimeout: timeoutMs,
		maxRetriesPerRequest: 5,
		connectionName: name
	});
	let lastError: Error | undefined;
	const remember = (error: Error) => (lastError = error);
	client.on('error', remember);
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			client.connect(),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
			})
		]);
	} catch (error) {
		client.disconnect();
		const reason = (lastError ?? (error as Error)).message;
		throw new RedisStartError(`Could not connect to REDIS_URL (${describeUrl(url)}): ${reason}`);
	} finally {
		clearTimeout(timer);
		client.off('error', remember);
	}
	logOutages(client, name);
	return client;
}

/** One line when a connection drops and one when it is back, not one per reconnect attempt. */
function logOutages(client: Redis, name: string): void {
	let down = false;
	client.on('error', (error: Error) => {
		if (down) return;
		down = true;
		console.error(`Redis connection ${name} failed (reconnecting): ${error.message}`);
	});
	client.on('ready', () => {
		if (down) console.log(`Redis connection ${name} is back.`);
		down = false;
	});
}

function describeUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.hostname}:${parsed.port || 6379}${parsed.pathname}`;
	} catch {
		return 'an unparsable URL';
	}
}
