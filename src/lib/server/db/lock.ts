import { sql } from 'drizzle-orm';
import type { Database, Transaction } from './client';

/** What concurrent transactions queue on. The same subject and id must be one lock everywhere. */
export type LockSubject = 'assignment' | 'caseload' | 'absence' | 'meeting';

/**
 * Waits for, then holds until the transaction ends, PostgreSQL's advisory lock on one subject
 * (e.g. one citizen's assignment): transactions that would race on it run one after the other.
 */
export async function lockUntilCommit(
	tx: Database | Transaction,
	subject: LockSubject,
	id: string
): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${subject}:${id}`}))`);
}
