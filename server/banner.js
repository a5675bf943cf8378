/**
 * The start-up message: where Samplan runs, on which database, and the demo logins.
 * @param {import('../src/lib/server/runtime').Runtime} runtime
 * @param {number} port
 */
export function printBanner(runtime, port) {
	const host = runtime.config.HOST === '0.0.0.0' ? 'localhost' : runtime.config.HOST;
	const url = runtime.config.ORIGIN ?? `http://${host}:${port}`;
	const lines = [
		'',
		`Samplan kører på ${url}`,
		`Database: ${runtime.database.engine === 'pglite' ? 'PGlite (indlejret)' : 'PostgreSQL'} – ${runtime.database.location}`
	];
	if (runtime.demoLogins.length > 0) {
		lines.push('', `Demo-logins (adgangskode for alle: ${runtime.demoLogins[0]?.password}):`);
		const width = Math.max(...runtime.demoLogins.map((login) => login.email.length));
		for (const login of runtime.demoLogins) {
			lines.push(`  ${login.email.padEnd(width)}  ${login.name} – ${login.description}`);
		}
	}
	console.log(lines.join('\n') + '\n');
}
