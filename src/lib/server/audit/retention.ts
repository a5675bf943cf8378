import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';

/**
 * Deletes audit rows older than the retention period: the one deletion the append-only trigger
 * permits, and only for rows older than the period this transaction declares. Idempotent, so
 * every instance may run it.
 */
export async function purgeExpiredAudit(db: Database, retentionDays: number): Promise<number> {
	const days = Math.floor(retentionDays);
	if (!Number.isFinite(days) || days < 1) throw new Error('retention must be at least one day');
	return db.transaction(async (tx) => {
		await tx.execute(sql`select set_config('samplan.audit_purge', 'on', true)`);
		await tx.execute(sql`select set_config('samplan.audit_retention_days', ${String(days)}, true)`);
		const deleted = await tx.execute(
			sql`delete from audit_events where at < now() - make_interval(days => ${days}) returning id`
		);
		return Array.isArray(deleted)
			? deleted.length
			: ((deleted as { rows?: unknown[] }).rows?.length ?? 0);
	});
}

/** Purges once at start-up and then daily; returns the function that stops the schedule. */
export function scheduleAuditRetention(db: Database, retentionDays: number): () => void {
	const run = () =>
		purgeExpiredAudit(db, retentionDays).catch((error: unknown) =>
			console.error('Audit retention purge failed:', (error as Error).message)
		);
	void run();
	const timer = setInterval(run, 24 * 60 * 60 * 1000);
	timer.unref();
	return () => clearInterval(timer);
}
