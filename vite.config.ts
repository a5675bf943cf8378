import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { realtimeDevServer } from './server/vite-plugin.js';

export default defineConfig({
	plugins: [sveltekit(), realtimeDevServer()],
	test: {
		// Real servers and browsers on a loaded 2-core CI machine: polls wait for what a user would wait for.
		expect: { requireAssertions: true, poll: { timeout: 10_000 } },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'tests/**/*.spec.ts'],
					environment: 'node',
					sequence: { groupOrder: 0 },
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/**/*.e2e.ts'],
					environment: 'node',
					fileParallelism: false,
					// After the unit and integration files, not beside them: on 2 cores a browser suite
					// that overlapped the server-spawning integration tests once waited 20 s to log in.
					sequence: { groupOrder: 1 },
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
