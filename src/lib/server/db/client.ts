import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type every module uses, whichever engine is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
	db: Database;
	engine: 'pglite' | 'postgres';
	/** Human-readable location for start-up messages, without credentials. */
	location: string;
	/** Applies the committed drizzle/ migrations; the same files serve both engines. */
	migrate(): Promise<void>;
	close(): Promise<void>;
}

/** The server always runs from the project root, in dev, tests and production alike. */
export function migrationsFolder(): string {
	return path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

export class DatabaseStartError extends Error {}

export async function openPostgres(url: string): Promise<DatabaseHandle> {
	const safe = describeUrl(url);
	const client = postgres(url, {
		max: 10,
		connect_timeout: 10,
		onnotice: () => {}
	});
	try {
		await client`select 1`;
	} catch (error) {
		await client.end({ timeout: 1 }).catch(() => {});
		throw new DatabaseStartError(
			`Could not connect to DATABASE_URL (${safe}): ${(error as Error).message}`
		);
	}
	const db = drizzlePostgres(client, { schema, casing: 'snake_case' });
	return {
		db,
		engine: 'postgres',
		location: safe,
		migrate: () => migratePostgres(db, { migrationsFolder: migrationsFolder() }),
		close: () => client.end({ timeout: 5 })
	};
}

/** PGlite in a directory (persisted) or in memory (`memory://`, for tests). */
export async function openPglite(dataDir: string | 'memory://'): Promise<DatabaseHandle> {
	let location = dataDir;
	if (dataDir !== 'memory://') {
		location = path.join(dataDir, 'pglite');
		try {
			await fs.mkdir(location, { recursive: true });
			await fs.access(location, fs.constants.W_OK);
		} catch (error) {
			throw new DatabaseStartError(
				`DATA_DIR is not a writable directory (tried ${location}): ${(error as Error).message}`
			);
		}
	}
	let client: PGlite;
	try {
		client = await PGlite.create(dataDir === 'memory://' ? undefined : location);
	} catch (error) {
		throw new DatabaseStartError(
			`Could not open the embedded database in ${location}: ${(error as Error).message}`
		);
	}
	const db = drizzlePglite(client, { schema, casing: 'snake_case' });
	return {
		db,
		engine: 'pglite',
		location,
		migrate: () => migratePglite(db, { migrationsFolder: migrationsFolder() }),
		close: () => client.close()
	};
}

function describeUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
	} catch {
		return 'an unparsable URL';
	}
}
