import { performance } from 'node:perf_hooks';
import { connectAll, destroyAll, sleep, spreadClients, type BenchClient } from '../clients';
import { postgresCpuMs, type BenchServer } from '../servers';
import { percentile } from '../stats';

export interface Scale {
	clients: number;
	documents: number;
}

export interface PropagationResult {
	server: string;
	clients: number;
	documents: number;
	edits: number;
	deliveries: number;
	p50: number;
	p95: number;
	p99: number;
	/** Edits that some other client of the document never received. */
	lostEdits: number;
	cpuUsPerEdit: number;
	/** PostgreSQL's own CPU per edit when Samplan runs on it (null on PGlite and for stock). */
	dbCpuUsPerEdit: number | null;
	/** Server RSS: before any client, and with every client connected after the edits. */
	idleRssMb: number;
	rssMb: number;
	/** (RSS at the end − idle RSS) / documents: a document with all its connections. */
	kbPerDocumentAllIn: number;
	/** RSS growth per connection, from the clients that joined already open documents. */
	kbPerConnection: number;
	/** kbPerDocumentAllIn without the connections' share: the document alone. */
	kbPerDocument: number;
	/** CPU of this load-generating process while editing, in % of one core. */
	generatorCpuPct: number;
	/** Clients not synced after connecting, and connections that closed while editing. */
	unsynced: number;
	drops: number;
	serverErrors: number;
}

const EDIT_INTERVAL_MS = 500;
const TICK_MS = 5;
/** After the last edit: wait while edits still arrive, but at most this long in all. */
const DRAIN_TIMEOUT_MS = 20_000;
const DRAIN_STALL_MS = 5_000;

interface SentEdit {
	sentAt: number;
	expected: number;
	received: number;
}

/** Keeps every edit sent and every arrival; the generator is one process, so one clock. */
class Tracker {
	readonly edits = new Map<string, SentEdit>();
	readonly latencies: number[] = [];
	missing = 0;

	sent(id: string, expected: number): void {
		this.edits.set(id, { sentAt: performance.now(), expected, received: 0 });
		this.missing += expected;
	}

	arrived(id: string): void {
		const edit = this.edits.get(id);
		if (!edit || edit.received >= edit.expected) return;
		edit.received++;
		this.missing--;
		this.latencies.push(performance.now() - edit.sentAt);
	}

	lost(): number {
		let lost = 0;
		for (const edit of this.edits.values()) if (edit.received < edit.expected) lost++;
		return lost;
	}
}

/**
 * Every client edits its document twice a second; each edit is a new key in a Y.Map, so an
 * arrival names exactly which edit arrived. Latency is counted per arrival at another client.
 */
export async function runPropagation(
	server: BenchServer,
	documentNames: string[],
	cookie: string | null,
	scale: Scale,
	editSeconds: number,
	warmUpSeconds: number
): Promise<PropagationResult> {
	const tracker = new Tracker();
	const specs = spreadClients(scale.clients, documentNames.slice(0, scale.documents));
	const perDocument = new Map<number, number>();
	for (const spec of specs) {
		perDocument.set(spec.documentIndex, (perDocument.get(spec.documentIndex) ?? 0) + 1);
	}
	let editing = false;
	let drops = 0;
	const observe = (client: BenchClient) => {
		client.doc.getMap('edits').observe((event, transaction) => {
			if (transaction.local) return;
			for (const key of event.keysChanged) tracker.arrived(key);
		});
		client.provider.on('connection-close', () => {
			if (editing) drops++;
		});
	};

	await sleep(500);
	const idle = server.usage();
	// Clients are spread round-robin, so the first wave opens every document with one connection
	// and the rest only add connections: the RSS difference between the two is per connection.
	const options = {
		concurrency: 50,
		timeoutMs: 30_000,
		onCreate: observe,
		beforeWave: () => void server.usage()
	};
	const first = await connectAll(server.wsUrl, specs.slice(0, scale.documents), cookie, options);
	await sleep(500);
	const opened = server.usage();
	const rest = await connectAll(server.wsUrl, specs.slice(scale.documents), cookie, options);
	const clients = [...first.clients, ...rest.clients];
	const unsynced = first.unsynced + rest.unsynced;
	await sleep(1000);
	const connected = server.usage();

	const seq = clients.map(() => 0);
	/** Every client edits twice a second for `seconds`; `track` false for the warm-up. */
	const editFor = async (seconds: number, track: boolean) => {
		const start = performance.now();
		const end = start + seconds * 1000;
		const next = clients.map(() => start + Math.random() * EDIT_INTERVAL_MS);
		while (performance.now() < end) {
			const now = performance.now();
			for (let i = 0; i < clients.length; i++) {
				if (next[i]! > now) continue;
				next[i]! += EDIT_INTERVAL_MS;
				const client = clients[i]!;
				if (!client.provider.wsconnected) continue;
				const id = `${track ? '' : 'warm-up '}${client.index}.${seq[i]!++}`;
				if (track) tracker.sent(id, perDocument.get(client.documentIndex)! - 1);
				client.doc.getMap('edits').set(id, `edit ${id} at ${Math.round(now)}`);
			}
			await sleep(TICK_MS);
		}
	};
	// Both servers first run the same load untracked: V8 compiles hot code (and PGlite's
	// WebAssembly) in the first seconds of a process, and that one-time cost is not per edit.
	await editFor(warmUpSeconds, false);
	await sleep(2000);

	const cpuBefore = server.usage().cpuMs;
	const onPostgres = server.kind === 'Samplan' && Boolean(process.env.BENCH_DATABASE_URL);
	const dbCpuBefore = onPostgres ? postgresCpuMs() : 0;
	const generatorBefore = process.cpuUsage();
	const start = performance.now();
	editing = true;
	await editFor(editSeconds, true);
	const drainUntil = performance.now() + DRAIN_TIMEOUT_MS;
	let lastMissing = tracker.missing;
	let lastProgress = performance.now();
	while (tracker.missing > 0 && performance.now() < drainUntil) {
		await sleep(50);
		if (tracker.missing < lastMissing)
			[lastMissing, lastProgress] = [tracker.missing, performance.now()];
		else if (performance.now() - lastProgress > DRAIN_STALL_MS) break;
	}
	editing = false;
	const elapsedMs = performance.now() - start;
	const generator = process.cpuUsage(generatorBefore);
	const after = server.usage();
	const dbCpuMs = onPostgres ? postgresCpuMs() - dbCpuBefore : null;
	destroyAll(clients);

	const sorted = tracker.latencies.sort((a, b) => a - b);
	const edits = tracker.edits.size;
	const kbPerConnection =
		(connected.rssBytes - opened.rssBytes) / 1024 / Math.max(1, scale.clients - scale.documents);
	const kbPerDocumentAllIn = (after.rssBytes - idle.rssBytes) / 1024 / scale.documents;
	return {
		server: server.kind,
		clients: scale.clients,
		documents: scale.documents,
		edits,
		deliveries: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		lostEdits: tracker.lost(),
		cpuUsPerEdit: ((after.cpuMs - cpuBefore) * 1000) / Math.max(1, edits),
		dbCpuUsPerEdit: dbCpuMs === null ? null : (dbCpuMs * 1000) / Math.max(1, edits),
		idleRssMb: idle.rssBytes / 2 ** 20,
		rssMb: after.rssBytes / 2 ** 20,
		kbPerDocumentAllIn,
		kbPerConnection,
		kbPerDocument: kbPerDocumentAllIn - (kbPerConnection * scale.clients) / scale.documents,
		generatorCpuPct: ((generator.user + generator.system) / 1000 / elapsedMs) * 100,
		unsynced,
		drops,
		serverErrors: server.errorLines()
	};
}
