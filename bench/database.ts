import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../src/lib/server/auth/password';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/lib/server/db/client';
import {
	assignments,
	citizens,
	municipalities,
	organisations,
	teamSettings,
	users
} from '../src/lib/server/db/schema';

/** The database a benchmarked Samplan server runs on, with one case manager and their citizens. */
export interface BenchDatabase {
	engine: 'PGlite' | 'PostgreSQL';
	/** Environment for the Samplan server: DATA_DIR, or DATABASE_URL. */
	serverEnv: Record<string, string>;
	email: string;
	password: string;
	userId: string;
	citizenIds: string[];
	/** Opens the database from this process. PGlite allows one process: never while a server runs. */
	open(): Promise<DatabaseHandle>;
	cleanup(): Promise<void>;
}

/**
 * A fresh PGlite directory under the OS temp dir, or the PostgreSQL database named by
 * BENCH_DATABASE_URL (left in place afterwards; every run adds its own uniquely named rows).
 */
export async function prepareDatabase(citizenCount: number): Promise<BenchDatabase> {
	const url = process.env.BENCH_DATABASE_URL;
	const dataDir = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-bench-'));
	const open = () => (url ? openPostgres(url) : openPglite(dataDir!));
	const tag = randomBytes(4).toString('hex');
	const email = `bench-${tag}@bench.example`;
	const password = `bench-${randomBytes(12).toString('hex')}`;

	const handle = await open();
	let userId: string;
	let citizenIds: string[];
	try {
		await handle.migrate();
		const { db } = handle;
		const [municipality] = await db
			.insert(municipalities)
			.values({ name: `Benchmark ${tag}`, code: `B${tag}` })
			.returning({ id: municipalities.id });
		const municipalityId = municipality!.id;
		const [team] = await db
			.insert(organisations)
			.values({ municipalityId, kind: 'icm_team', name: 'Benchmark ICM' })
			.returning({ id: organisations.id });
		const teamId = team!.id;
		await db.insert(teamSettings).values({ teamId });
		const [user] = await db
			.insert(users)
			.values({
				municipalityId,
				organisationId: teamId,
				role: 'case_manager',
				name: 'Bench Case Manager',
				email,
				passwordHash: await hashPassword(password)
			})
			.returning({ id: users.id });
		userId = user!.id;
		const rows = Array.from({ length: citizenCount }, (_, i) => ({
			municipalityId,
			teamId,
			firstName: 'Bench',
			lastName: `Citizen ${i + 1}`,
			status: 'active' as const
		}));
		const inserted = await db.insert(citizens).values(rows).returning({ id: citizens.id });
		citizenIds = inserted.map((row) => row.id);
		await db
			.insert(assignments)
			.values(
				citizenIds.map((citizenId) => ({ citizenId, caseManagerId: userId, createdBy: userId }))
			);
	} finally {
		await handle.close();
	}
	return {
		engine: url ? 'PostgreSQL' : 'PGlite',
		// An empty DATABASE_URL counts as unset, so an inherited one cannot redirect the server.
		serverEnv: url ? { DATABASE_URL: url } : { DATA_DIR: dataDir!, DATABASE_URL: '' },
		email,
		password,
		userId,
		citizenIds,
		open,
		async cleanup() {
			// BENCH_KEEP_DATA=1 leaves the PGlite directory behind, to look into after a run.
			if (dataDir && !process.env.BENCH_KEEP_DATA)
				fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
