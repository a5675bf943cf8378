import * as Y from 'yjs';
import { FIXED_SECTIONS, planDocumentName } from '../../src/lib/plan/sections';
import { connectAll, destroyAll, sleep, type BenchClient } from '../clients';
import { connectInspector, type HeapReading } from '../inspector';
import { sectionContent } from '../plan-content';
import type { BenchServer } from '../servers';

export interface MemoryResult {
	server: string;
	plans: number;
	documents: number;
	/**
	 * JS heap + external memory (Buffers, ArrayBuffers) per open plan (all its section
	 * documents), connections excluded, in KB: just after it was written, and once idle.
	 */
	kbPerPlanEdited: number;
	kbPerPlanIdle: number;
	/** JS heap + external per connection (a second client on every document). */
	kbPerConnection: number;
	/** RSS growth per plan, connections included, for comparison with the propagation rows. */
	rssKbPerPlan: number;
}

/**
 * Opens `citizenIds.length` whole plans (every fixed section, one connection per section as a
 * browser holds them), each filled in as after a few meetings, and reads the server's heap after
 * a full garbage collection: before, with the plans just written, after they have been left
 * idle, and with a second client on every section. The difference of the last two is the
 * connections' share, taken out of the others.
 */
const IDLE_WAIT_MS = 35_000;

export async function runMemory(
	server: BenchServer,
	citizenIds: string[],
	cookie: string | null
): Promise<MemoryResult> {
	const inspector = await connectInspector(server.output);
	const names = citizenIds.flatMap((id) => FIXED_SECTIONS.map((s) => planDocumentName(id, s)));
	const specs = names.map((documentName, index) => ({ index, documentIndex: index, documentName }));
	const contents = new Map(FIXED_SECTIONS.map((s) => [s, sectionContent(s)]));
	const fill = (client: BenchClient) => {
		const section = FIXED_SECTIONS[client.index % FIXED_SECTIONS.length]!;
		Y.applyUpdate(client.doc, contents.get(section)!);
	};
	const options = { concurrency: 50, timeoutMs: 30_000, beforeWave: () => void server.usage() };
	let clients: BenchClient[] = [];
	try {
		await sleep(500);
		const before = await inspector.read();
		// The first client of each section brings its content, as the people in a meeting did.
		const first = await connectAll(server.wsUrl, specs, cookie, { ...options, onCreate: fill });
		clients = first.clients;
		// Past the projection's debounce, so nothing waits in a queue when the heap is read.
		await sleep(3000);
		const edited = await inspector.read();
		// Past Samplan's YJS_IDLE_AFTER_MS (30 s); the stock server waits just the same.
		await sleep(IDLE_WAIT_MS);
		const idle = await inspector.read();
		const second = await connectAll(server.wsUrl, specs, cookie, options);
		clients.push(...second.clients);
		await sleep(3000);
		const joined = await inspector.read();
		if (first.unsynced + second.unsynced > 0) {
			throw new Error(`${server.kind}: ${first.unsynced + second.unsynced} clients never synced`);
		}
		return summarise(server.kind, citizenIds.length, names.length, {
			before,
			edited,
			idle,
			joined
		});
	} finally {
		destroyAll(clients);
		inspector.close();
	}
}

function summarise(
	kind: string,
	plans: number,
	documents: number,
	readings: Record<'before' | 'edited' | 'idle' | 'joined', HeapReading>
): MemoryResult {
	const bytes = (r: HeapReading) => r.heapUsedBytes + r.externalBytes;
	const { before, edited, idle, joined } = readings;
	const perConnection = (bytes(joined) - bytes(idle)) / documents;
	const perPlan = (r: HeapReading) =>
		(bytes(r) - bytes(before) - perConnection * documents) / 1024 / plans;
	return {
		server: kind,
		plans,
		documents,
		kbPerPlanEdited: perPlan(edited),
		kbPerPlanIdle: perPlan(idle),
		kbPerConnection: perConnection / 1024,
		rssKbPerPlan: (edited.rssBytes - before.rssBytes) / 1024 / plans
	};
}
