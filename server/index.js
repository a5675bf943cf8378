// The production entry: one Node process, one port, serving SvelteKit, socket.io and the Yjs
// endpoint. It wraps adapter-node's handler and attaches realtime to the same HTTP server.
import http from 'node:http';
import { printBanner } from './banner.js';

const ENTRY = Symbol.for('samplan.server-entry');

// adapter-node takes every request for https unless told otherwise, which makes SvelteKit's CSRF
// check refuse every form on plain http (npm start on a laptop). This server speaks plain http,
// so unless an operator configured ORIGIN or PROTOCOL_HEADER for their proxy, we say so in a
// header of our own that we always overwrite, so a client cannot set it.
const OWN_PROTOCOL_HEADER = 'x-samplan-protocol';
const markPlainHttp = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (markPlainHttp) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

async function main() {
	/** @type {import('node:http').RequestListener} */
	let handler;
	try {
		// Importing the handler runs SvelteKit's init hook: configuration, database, migrations, seed.
		const built = new URL('../build/handler.js', import.meta.url).href;
		({ handler } = await import(built));
	} catch (error) {
		console.error(
			`\nSamplan could not start.\n${error instanceof Error ? error.message : error}\n`
		);
		process.exit(1);
	}
	const entry =
		/** @type {Record<symbol, import('../src/lib/server/entry').ServerEntry | undefined>} */ (
			/** @type {unknown} */ (globalThis)
		)[ENTRY];
	if (!entry) throw new Error('build/handler.js did not run Samplan’s init hook');
	const { config } = entry.runtime();

	/** @type {import('../src/lib/server/realtime/attach').Realtime | undefined} */
	let realtime;
	const server = http.createServer((request, response) => {
		if (markPlainHttp) request.headers[OWN_PROTOCOL_HEADER] = 'http';
		if (realtime?.handleRequest(request, response)) return;
		handler(request, response);
	});
	try {
		realtime = await entry.attachRealtime(server);
	} catch (error) {
		console.error(
			`\nSamplan could not start.\n${error instanceof Error ? error.message : error}\n`
		);
		await entry.stopRuntime().catch(() => {});
		process.exit(1);
	}

	server.on('error', (error) => {
		console.error(
			`\nSamplan could not listen on ${config.HOST}:${config.PORT}: ${error.message}\n`
		);
		process.exit(1);
	});
	server.listen(config.PORT, config.HOST, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : config.PORT;
		printBanner(entry.runtime(), port);
	});

	let stopping = false;
	const shutdown = async (/** @type {string} */ signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping (no new connections, flushing pending writes)…`);
		const force = setTimeout(() => {
			console.error('Shutdown took too long; exiting.');
			process.exit(1);
		}, config.SHUTDOWN_TIMEOUT_MS);
		force.unref();
		server.close();
		server.closeIdleConnections();
		await realtime?.close();
		await entry.stopRuntime();
		server.closeAllConnections();
		process.exit(0);
	};
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
