import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { expectAccessible, hasChromium, logIn, openPage, useApp } from './harness';

describe.runIf(hasChromium)('start page in the browser', () => {
	const app = useApp();

	it('shows the login page in Danish, accessibly', async () => {
		const page = await openPage(app.browser);
		await page.goto(app.server.url);
		await expect.poll(() => page.url()).toBe(`${app.server.url}/login`);
		expect(await page.getAttribute('html', 'lang')).toBe('da');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Log ind');
		await expectAccessible(page);
		await page.close();
	});

	it('tells a wrong password without saying whether the e-mail exists', async () => {
		const page = await openPage(app.browser);
		await page.goto(`${app.server.url}/login`);
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
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
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
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		const firstCitizen = await page.locator('tbody tr th').first().textContent();
		await page.getByRole('button', { name: 'Log ud' }).click();
		await page.waitForURL(`${app.server.url}/login`);
		// The history entry is the start page; going back must re-ask the server, which says no.
		await page.goBack({ waitUntil: 'commit' }).catch(() => null);
		await expect.poll(() => page.url()).toBe(`${app.server.url}/login`);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('body').innerText()).not.toContain(firstCitizen!.trim());
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Log ind');
		await page.close();
	});
});
