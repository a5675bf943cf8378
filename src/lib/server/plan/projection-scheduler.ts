import type * as Y from 'yjs';
import { readSection, type SectionData } from '../../plan/read';
import { isSectionKey, type SectionKey } from '../../plan/sections';
import type { Database } from '../db/client';
import { projectSection } from './projection';

export interface ProjectionTarget {
	documentName: string;
	citizenId: string;
	section: string;
}

interface Pending {
	target: ProjectionTarget;
	doc: Y.Doc;
	authorId: string | null;
	at: Date;
	firstChangeAt: number;
	spread: number;
	timer?: NodeJS.Timeout;
}

export interface ProjectionSchedulerOptions {
	/** Quiet time after a document's last update before it is projected. */
	delayMs?: number;
	/** A document edited without pause is still projected this often. */
	maxDelayMs?: number;
}

/**
 * Projects live documents after their updates are stored, applied and relayed, never on the way:
 * `changed` only resets a timer. Per document it waits for a quiet moment, then reads the
 * in-memory document (it is current) and writes its rows. A failed write is logged and tried again
 * on the next change; editing never notices. Only the instance that stored an update projects it.
 */
export class ProjectionScheduler {
	private readonly pending = new Map<string, Pending>();
	private readonly running = new Map<string, Promise<void>>();
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: Database,
		private readonly options: ProjectionSchedulerOptions = {}
	) {}

	changed(target: ProjectionTarget, doc: Y.Doc, authorId: string | null, at = new Date()): void {
		if (!isSectionKey(target.section)) return;
		let entry = this.pending.get(target.documentName);
		if (!entry || entry.doc !== doc) {
			if (entry) void this.flush(target.documentName);
			entry = { target, doc, authorId, at, firstChangeAt: Date.now(), spread: Math.random() / 5 };
			this.pending.set(target.documentName, entry);
		}
		entry.authorId = authorId;
		entry.at = at;
		clearTimeout(entry.timer);
		const delay = this.options.delayMs ?? 1500;
		// Spread by up to a fifth, so documents edited together are not all due at the same moment.
		const maxDelay = (this.options.maxDelayMs ?? 10_000) * (1 + entry.spread);
		const latest = entry.firstChangeAt + maxDelay - Date.now();
		entry.timer = setTimeout(
			() => void this.flush(target.documentName),
			Math.max(0, Math.min(delay, latest))
		);
		entry.timer.unref();
	}

	/**
	 * Projects the document now, if it has changes waiting. The document is read at once, so the
	 * caller may destroy it as soon as this returns (an unloading document is flushed last thing).
	 */
	flush(documentName: string): Promise<void> {
		const entry = this.pending.get(documentName);
		if (!entry) return this.running.get(documentName) ?? Promise.resolve();
		clearTimeout(entry.timer);
		this.pending.delete(documentName);
		const { target, doc, authorId, at } = entry;
		const section = target.section as SectionKey;
		let data: SectionData;
		try {
			data = readSection(doc, section);
		} catch (error) {
			console.error(`Could not read ${documentName} for the projection:`, error);
			return Promise.resolve();
		}
		// One write at a time, in the order the flushes came, with I/O let in before each: when many
		// documents are due at once, the edits' own inserts go between them instead of waiting for
		// all (PGlite runs on this thread; the benchmark saw 200 due together stall edits 0.6 s).
		const run: Promise<void> = this.queue
			.then(() => new Promise((resolve) => setImmediate(resolve)))
			.then(() => projectSection(this.db, target.citizenId, section, data, authorId, at))
			.then(
				() => {},
				(error: unknown) => {
					console.error(`Could not project ${documentName}:`, (error as Error).message);
				}
			)
			.finally(() => {
				if (this.running.get(documentName) === run) this.running.delete(documentName);
			});
		this.running.set(documentName, run);
		this.queue = run;
		return run;
	}

	/** On shutdown: everything waiting is projected, and every write has finished. */
	async close(): Promise<void> {
		await Promise.all([...this.pending.keys()].map((name) => this.flush(name)));
		await Promise.all([...this.running.values()]);
	}
}
