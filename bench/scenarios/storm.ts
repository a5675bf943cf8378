import { performance } from 'node:perf_hooks';
import { connectAll, destroyAll, sleep, spreadClients } from '../clients';
import type { BenchServer } from '../servers';
import { percentile } from '../stats';

export interface StormResult {
	server: string;
	clients: number;
	documents: number;
	/** Time to connect every client beforehand, in waves (not the storm itself). */
	initialConnectMs: number;
	/** From the moment every client reconnects at once until each is synced again, in ms. */
	p50Ms: number;
	p99Ms: number;
	allSyncedMs: number;
	/** Failed attempts during the storm: refused or closed connections and socket errors. */
	errors: number;
	/** Clients still not synced when the scenario gave up. */
	unsynced: number;
	serverErrors: number;
}

const STORM_TIMEOUT_MS = 90_000;

/**
 * Every client drops its connection and reconnects in the same instant, as after a network blip
 * or a load balancer restart; the stock provider then retries with its usual backoff.
 */
export async function runStorm(
	server: BenchServer,
	documentNames: string[],
	cookie: string | null,
	clientCount: number
): Promise<StormResult> {
	const specs = spreadClients(clientCount, documentNames);
	const connectStart = performance.now();
	const { clients, unsynced: initiallyUnsynced } = await connectAll(server.wsUrl, specs, cookie, {
		concurrency: 100,
		timeoutMs: 60_000,
		beforeWave: () => void server.usage()
	});
	const initialConnectMs = performance.now() - connectStart;
	if (initiallyUnsynced > 0) {
		destroyAll(clients);
		throw new Error(`${server.kind}: ${initiallyUnsynced} clients never synced before the storm`);
	}
	await sleep(1000);

	let storming = false;
	let errors = 0;
	// The last time each client synced: one that syncs, drops and syncs again counts when it is back.
	const syncedAt = new Map<number, number>();
	let start = 0;
	for (const client of clients) {
		client.provider.on('connection-close', (event: CloseEvent | null) => {
			if (storming && event !== null) errors++;
		});
		client.provider.on('connection-error', () => {
			if (storming) errors++;
		});
		client.provider.on('sync', (synced: boolean) => {
			if (storming && synced) syncedAt.set(client.index, performance.now() - start);
		});
	}
	for (const client of clients) client.provider.disconnect();
	storming = true;
	start = performance.now();
	for (const client of clients) client.provider.connect();
	const deadline = start + STORM_TIMEOUT_MS;
	const allSynced = () => clients.every((client) => client.provider.synced);
	while (!allSynced() && performance.now() < deadline) await sleep(20);
	storming = false;
	const unsynced = clients.filter((client) => !client.provider.synced).length;
	destroyAll(clients);

	const sorted = [...syncedAt.values()].sort((a, b) => a - b);
	return {
		server: server.kind,
		clients: clientCount,
		documents: documentNames.length,
		initialConnectMs,
		p50Ms: percentile(sorted, 50),
		p99Ms: percentile(sorted, 99),
		allSyncedMs: unsynced === 0 ? sorted[sorted.length - 1]! : Number.NaN,
		errors,
		unsynced,
		serverErrors: server.errorLines()
	};
}
