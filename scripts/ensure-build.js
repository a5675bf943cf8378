// Builds the app when build/ is missing or older than its sources, so that `npm start` and
// `npm test` work on a fresh clone without a separate build step, and skip it when up to date.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = [
	'src',
	'static',
	'server',
	'drizzle',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];
const OUTPUT = 'build/handler.js';

/** @param {string} target @returns {number} */
function newestMtime(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) {
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}
	return newest;
}

const built = fs.existsSync(OUTPUT) ? fs.statSync(OUTPUT).mtimeMs : 0;
const sources = Math.max(...SOURCES.map(newestMtime));
if (built < sources) {
	console.log(built ? 'Sources changed since the last build: building…' : 'Building Samplan…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit',
		shell: process.platform === 'win32'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}
