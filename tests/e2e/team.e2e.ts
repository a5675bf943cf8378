import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { freshServerStorage, startServer, type RunningServer } from '../helpers/server';
import { expectAccessible, hasChromium, launchBrowser, logIn, openPage } from './harness';

describe.runIf(hasChromium)('team dashboard', () => {
	let storage: Awaited<ReturnType<typeof freshServerStorage>>;
	let server: RunningServer;
	let browser: Browser;

	beforeAll(async () => {
		storage = await freshServerStorage();
		server = await startServer(storage.env);
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await storage?.cleanup();
	});

	it('shows a team leader each case manager against capacity, as a chart and as a table', async () => {
		const page = await openPage(browser);
		await logIn(page, server.url, 'hanne.vestergaard@vesterby.example', DEMO_PASSWORD);
		await page.getByRole('link', { name: 'Teamets belastning' }).click();
		await page.waitForURL(`${server.url}/team`);
		const rows = page.locator('tbody tr');
		expect(await rows.count()).toBe(6);
		const mette = rows.filter({ hasText: 'Mette Lind' });
		expect(await mette.locator('td').nth(1).textContent()).toContain('10');
		expect(await mette.textContent()).toContain('Over kapacitet');
		expect(await page.getByText('over kapacitet').first().isVisible()).toBe(true);
		const drawn = await page
			.locator('canvas')
			.evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0);
		expect(drawn).toBe(true);
		await expectAccessible(page);
		await page.close();
	});

	it('is not there for a case manager', async () => {
		const page = await openPage(browser);
		await logIn(page, server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		const response = await page.goto(`${server.url}/team`);
		expect(response?.status()).toBe(403);
		await page.close();
	});
});
