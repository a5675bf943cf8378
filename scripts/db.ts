// `npm run db:reset` empties the database and seeds the demo municipality again;
// `npm run db:seed` seeds an empty database. Both honour DATABASE_URL and DATA_DIR like the app.
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres } from '../src/lib/server/db/client';
import { readConfig } from '../src/lib/server/config';
import { isDatabaseEmpty, seedDemo } from '../src/lib/server/db/seed';

const command = process.argv[2];
if (command !== 'reset' && command !== 'seed') {
	console.error('Usage: tsx scripts/db.ts reset|seed');
	process.exit(2);
}

const config = readConfig();
const handle = config.DATABASE_URL
	? await openPostgres(config.DATABASE_URL)
	: await openPglite(config.dataDir);
try {
	if (command === 'reset') {
		await handle.db.execute(sql`drop schema if exists public cascade`);
		await handle.db.execute(sql`drop schema if exists drizzle cascade`);
		await handle.db.execute(sql`create schema public`);
		console.log(`Emptied ${handle.location}.`);
	}
	await handle.migrate();
	if (await isDatabaseEmpty(handle.db)) {
		const logins = await seedDemo(handle.db, { now: new Date() });
		console.log(`Seeded the demo municipality (${logins.length} demo logins).`);
	} else {
		console.log('The database is not empty: nothing seeded. Use `npm run db:reset` to start over.');
	}
} finally {
	await handle.close();
}
