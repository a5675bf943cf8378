import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { freshServerStorage, startServer, type RunningServer } from '../helpers/server';
import { expectAccessible, hasChromium, launchBrowser, logIn, openPage } from './harness';

describe.runIf(hasChromium)('start page in the browser', () => {
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

	it('shows the login page in Danish, accessibly', async () => {
		const page = await openPage(browser);
		await page.goto(server.url);
		await expect.poll(() => page.url()).toBe(`${server.url}/login`);
		expect(await page.getAttribute('html', 'lang')).toBe('da');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Log ind');
		await expectAccessible(page);
		await page.close();
	});

	it('tells a wrong password without saying whether the e-mail exists', async () => {
		const page = await openPage(browser);
		await page.goto(`${server.url}/login`);
		await page.getByLabel('E-mail').fill('findes.ikke@vesterby.example');
		await page.getByLabel('Adgangskode').fill('forkert');
		await page.getByRole('button', { name: 'Log ind' }).click();
		await expect
			.poll(() => page.getByRole('alert').textContent())
			.toBe('E-mail eller adgangskode er forkert.');
		expect(await page.getByLabel('E-mail').inputValue()).toBe('findes.ikke@vesterby.example');
		await expectAccessible(page);
		await page.close();
	});

	it('signs a case manager in to their citizens, with a live connection', async () => {
		const page = await openPage(browser);
		await logIn(page, server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		expect(await page.getByRole('heading', { name: 'Mine borgere' }).isVisible()).toBe(true);
		await expect
			.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 })
			.toContain('Forbundet');
		expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
		await expectAccessible(page);

		await page.locator('tbody tr a').first().click();
		await page.waitForURL(/\/borgere\//);
		expect(await page.getByRole('heading', { name: 'Boligforløb' }).isVisible()).toBe(true);
		await expectAccessible(page);
		await page.close();
	});

	it('after logout, the back button shows nothing sensitive', async () => {
		const page = await openPage(browser);
		await logIn(page, server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		const firstCitizen = await page.locator('tbody tr th').first().textContent();
		await page.getByRole('button', { name: 'Log ud' }).click();
		await page.waitForURL(`${server.url}/login`);
		// The history entry is the start page; going back must re-ask the server, which says no.
		await page.goBack({ waitUntil: 'commit' }).catch(() => null);
		await expect.poll(() => page.url()).toBe(`${server.url}/login`);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('body').innerText()).not.toContain(firstCitizen!.trim());
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Log ind');
		await page.close();
	});
});
