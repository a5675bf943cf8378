import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { readConfig } from '../../src/lib/server/config';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/lib/server/db/client';
import { useRuntime } from '../../src/lib/server/runtime';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (CI sets it). Dropped again on close.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		const handle = await openPglite('memory://');
		await handle.migrate();
		return handle;
	}
	const name = `samplan_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const handle = await openPostgres(url.toString());
	await handle.migrate();
	return {
		...handle,
		async close() {
			await handle.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

/** Which engine the database suite runs on, for test names and loud skips. */
export const testDatabaseEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh test database made the process's runtime, so the app's own code (runtime().db) runs on
 * it. Close it with stopRuntime(), which closes the database too.
 */
export async function startTestRuntime(env: Record<string, string> = {}): Promise<DatabaseHandle> {
	const database = await createTestDatabase();
	const config = readConfig({ ...process.env, DATA_DIR: '/nonexistent', ...env });
	useRuntime({ config, database, db: database.db, demoLogins: [] });
	return database;
}
