import type * as Y from 'yjs';
import { copenhagenDate } from '../../dates';
import { readSection, type SectionData } from '../../plan/read';
import { isSectionKey, type SectionKey } from '../../plan/sections';
import type { Database } from '../db/client';
import { itemsFingerprint, projectSection } from './projection';

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

/** What this instance last wrote for a document. */
interface Written {
	fingerprint: string;
	day: string;
	at: number;
}

export interface ProjectionSchedulerOptions {
	/** Quiet time after a document's last update before it is projected. */
	delayMs?: number;
	/** A document edited without pause is still projected this often. */
	maxDelayMs?: number;
	/**
	 * When an edit changed no item (typing in a situation), the section's revision time alone is
	 * written at most this often, and always when the document rests or unloads.
	 */
	revisionEveryMs?: number;
}

/**
 * Projects live documents after their updates are stored, applied and relayed, never on the way:
 * `changed` only resets a timer. Per document it waits for a quiet moment, then reads the
 * in-memory document (it is current) and writes its rows, unless only the revision time moved
 * (see onlyRevisionMoved). A failed write is logged and tried again
 * on the next change; editing never notices. Only the instance that stored an update projects it.
 */
export class ProjectionScheduler {
	private readonly pending = new Map<string, Pending>();
	private readonly running = new Map<string, Promise<void>>();
	private readonly written = new Map<string, Written>();
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: Database,
		private readonly options: ProjectionSchedulerOptions = {}
	) {}

	changed(target: ProjectionTarget, doc: Y.Doc, authorId: string | null, at = new Date()): void {
		if (!isSectionKey(target.section)) return;
		let entry = this.pending.get(target.documentName);
		if (!entry || entry.doc !== doc) {
			// The structures were rebuilt (the document rested): what the old ones held is written.
			if (entry) void this.flush(target.documentName, true);
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
	 * caller may destroy it as soon as this returns: an idle or unloading document is flushed as
	 * `final`, which writes even a revision time that alone would have waited.
	 */
	flush(documentName: string, final = false): Promise<void> {
		if (final) this.written.delete(documentName);
		const entry = this.pending.get(documentName);
		if (!entry) return this.running.get(documentName) ?? Promise.resolve();
		clearTimeout(entry.timer);
		const { target, doc, authorId, at } = entry;
		const section = target.section as SectionKey;
		let data: SectionData;
		try {
			data = readSection(doc, section);
		} catch (error) {
			this.pending.delete(documentName);
			console.error(`Could not read ${documentName} for the projection:`, error);
			return Promise.resolve();
		}
		const fingerprint = itemsFingerprint(section, data);
		const day = copenhagenDate(at);
		if (!final && this.onlyRevisionMoved(documentName, fingerprint, day, entry)) {
			return this.running.get(documentName) ?? Promise.resolve();
		}
		this.pending.delete(documentName);
		// One write at a time, in the order the flushes came, with I/O let in before each: when many
		// documents are due at once, the edits' own inserts go between them instead of waiting for
		// all (PGlite runs on this thread; the benchmark saw 200 due together stall edits 0.6 s).
		const run: Promise<void> = this.queue
			.then(() => new Promise((resolve) => setImmediate(resolve)))
			.then(() => projectSection(this.db, target.citizenId, section, data, authorId, at))
			.then(
				(current) => {
					// Another writer's later projection stands: the next change writes in full.
					if (current && !final) {
						this.written.set(documentName, { fingerprint, day, at: Date.now() });
					} else this.written.delete(documentName);
				},
				(error: unknown) => {
					this.written.delete(documentName);
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

	/**
	 * True when the items are as this instance last wrote them, that day, less than
	 * `revisionEveryMs` ago: then only the revision time moved, and the entry waits (with its
	 * author and time) until the next change, that deadline, or the document rests. Typing in a
	 * meeting writes no rows; dashboards see the revision time at most a minute late.
	 */
	private onlyRevisionMoved(
		documentName: string,
		fingerprint: string,
		day: string,
		entry: Pending
	): boolean {
		const last = this.written.get(documentName);
		if (!last || last.fingerprint !== fingerprint || last.day !== day) return false;
		const due = last.at + (this.options.revisionEveryMs ?? 60_000) - Date.now();
		if (due <= 0) return false;
		entry.firstChangeAt = Date.now();
		entry.timer = setTimeout(() => void this.flush(documentName), due);
		entry.timer.unref();
		return true;
	}

	/** On shutdown: everything waiting is projected, and every write has finished. */
	async close(): Promise<void> {
		await Promise.all([...this.pending.keys()].map((name) => this.flush(name, true)));
		await Promise.all([...this.running.values()]);
	}
}
