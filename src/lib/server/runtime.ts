import { openPglite, openPostgres, type Database, type DatabaseHandle } from './db/client';
import { readConfig, type Config } from './config';
import { scheduleAuditRetention } from './audit/retention';
import { scheduleDailyVersions } from './plan/history';
import { prepareDemoData, type DemoLogin } from './db/demo';
import { loadSecretKey, type SecretKey } from './auth/secret-box';
import { sealPlainTotpKeys } from './auth/two-factor';
import { drainQueues } from './db/batch-queue';

/**
 * The process's one database handle and configuration. It lives on globalThis because the
 * production entry (server/index.js) and the SvelteKit bundle are separate module graphs: both must
 * reach the same embedded database, which may only be opened once per process.
 */
export interface Runtime {
	config: Config;
	database: DatabaseHandle;
	db: Database;
	demoLogins: DemoLogin[];
	/** Encrypts secrets at rest (TOTP keys); set at start-up, or from SECRET_KEY on first use. */
	secretKey?: SecretKey;
	/** Background jobs to stop on shutdown. */
	stopJobs?: () => void;
	/** Set once realtime is attached to an HTTP server; absent in scripts and unit tests. */
	publish?: (event: RealtimePublication) => void;
	/**
	 * Re-asks the policy for every open connection to this citizen's data, on every instance, and
	 * closes what is no longer allowed (a consent revoked, a cover ended early).
	 */
	revalidateAccess?: (citizenId: string) => Promise<void>;
	/** Closes every socket.io and Yjs connection opened with these sessions, on every instance. */
	endSessions?: (sessionIds: readonly string[]) => void;
	/** Writes a server-made edit into a live plan document (stored, applied, relayed). */
	applyPlanEdit?: (
		target: { documentName: string; citizenId: string; section: string },
		update: Uint8Array,
		authorId: string
	) => Promise<void>;
}

/** What domain code hands to the realtime bus; the socket layer decides who may receive it. */
export interface RealtimePublication {
	topic: string;
	/** Socket.io rooms to deliver to, e.g. 'user:<id>' or 'team:<id>'. */
	rooms: string[];
	payload: Record<string, unknown>;
}

interface Holder {
	starting?: Promise<Runtime>;
	current?: Runtime;
}

const KEY = Symbol.for('samplan.runtime');
type WithHolder = typeof globalThis & { [KEY]?: Holder };

function holder(): Holder {
	const g = globalThis as WithHolder;
	return (g[KEY] ??= {});
}

export function startRuntime(config: Config = readConfig()): Promise<Runtime> {
	const h = holder();
	h.starting ??= open(config).then((runtime) => (h.current = runtime));
	return h.starting;
}

/** Used by tests to run the app's code on a database they created. */
export function useRuntime(runtime: Runtime): void {
	const h = holder();
	h.current = runtime;
	h.starting = Promise.resolve(runtime);
}

export function runtime(): Runtime {
	const current = holder().current;
	if (!current) throw new Error('Samplan runtime is not started (startRuntime was not awaited)');
	return current;
}

/** The runtime when the app is running, else undefined (scripts, unit tests on a bare database). */
export function runtimeIfStarted(): Runtime | undefined {
	return holder().current;
}

export async function stopRuntime(): Promise<void> {
	const h = holder();
	const current = h.current ?? (await h.starting?.catch(() => undefined));
	h.current = undefined;
	h.starting = undefined;
	current?.stopJobs?.();
	if (current) await drainQueues(current.db);
	await current?.database.close();
}

async function open(config: Config): Promise<Runtime> {
	const database = config.DATABASE_URL
		? await openPostgres(config.DATABASE_URL)
		: await openPglite(config.dataDir);
	try {
		await database.migrate();
		const secretKey = await loadSecretKey(config);
		if (secretKey.durable) await sealPlainTotpKeys(database.db, secretKey);
		const demoLogins = await prepareDemoData(database.db, config);
		const stopRetention = scheduleAuditRetention(database.db, config.AUDIT_RETENTION_DAYS);
		const stopVersions = scheduleDailyVersions(database.db);
		const stopJobs = () => {
			stopRetention();
			stopVersions();
		};
		return { config, database, db: database.db, demoLogins, secretKey, stopJobs };
	} catch (error) {
		await database.close().catch(() => {});
		throw error;
	}
}
