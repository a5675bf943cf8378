import WebSocket from 'ws';

/** What a server process holds, read through its inspector after a full garbage collection. */
export interface HeapReading {
	heapUsedBytes: number;
	/** Memory outside the JS heap that JS objects hold: Buffers, ArrayBuffers, WebAssembly. */
	externalBytes: number;
	rssBytes: number;
}

/**
 * A server started with `--inspect=127.0.0.1:0` prints where its inspector listens; through it
 * the benchmark forces a garbage collection and reads process.memoryUsage(), so memory per open
 * plan is measured on the live heap rather than guessed from RSS, which moves in megabytes.
 */
export async function connectInspector(output: () => string): Promise<Inspector> {
	const url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
	if (!url) throw new Error(`the server printed no inspector address:\n${output().slice(-2000)}`);
	const socket = new WebSocket(url);
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	return new Inspector(socket);
}

export class Inspector {
	private nextId = 1;
	private readonly waiting = new Map<number, (result: unknown) => void>();

	constructor(private readonly socket: WebSocket) {
		socket.on('message', (data: Buffer) => {
			const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
			if (message.id !== undefined) this.waiting.get(message.id)?.(message.result);
		});
	}

	private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
		const id = this.nextId++;
		return new Promise((resolve) => {
			this.waiting.set(id, resolve);
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	async read(): Promise<HeapReading> {
		// Twice: a first collection can leave objects that only a second one frees (finalizers).
		await this.call('HeapProfiler.collectGarbage');
		await this.call('HeapProfiler.collectGarbage');
		const result = (await this.call('Runtime.evaluate', {
			expression: 'JSON.stringify(process.memoryUsage())',
			returnByValue: true
		})) as { result: { value: string } };
		const usage = JSON.parse(result.result.value) as NodeJS.MemoryUsage;
		return { heapUsedBytes: usage.heapUsed, externalBytes: usage.external, rssBytes: usage.rss };
	}

	close(): void {
		this.socket.close();
	}
}
