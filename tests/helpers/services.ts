/**
 * Tests that need a server (PostgreSQL, Redis, Chromium) run in CI without exception; elsewhere,
 * when the server is absent, they are skipped with a warning that names what is missing.
 */
export function requireServiceOrSkipLoudly(service: string, available: boolean): boolean {
	if (available) return true;
	if (process.env.CI === 'true') {
		throw new Error(`${service} is required in CI (CI=true) but is not available`);
	}
	console.warn(`\n⚠️  SKIPPING tests that need ${service}: it is not available on this machine.\n`);
	return false;
}
