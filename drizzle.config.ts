import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL here; the app applies the migrations itself at start-up,
// on PGlite or PostgreSQL alike (src/lib/server/db/migrate.ts).
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	casing: 'snake_case',
	strict: true,
	verbose: true
});
