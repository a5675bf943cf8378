import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { expectAccessible, hasChromium, holdScripts, logIn, openPage, useApp } from './harness';

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

	it('lists the seeded demo logins on the login page and signs in with one tap', async () => {
		const page = await openPage(app.browser, { width: 390, height: 844 });
		await page.goto(`${app.server.url}/login`);
		const demo = page.getByRole('region', { name: 'Demo-logins' });
		expect(await demo.getByText(`adgangskoden ${DEMO_PASSWORD}`).count()).toBe(1);
		for (const email of ['mette.lind@vesterby.example', 'hanne.vestergaard@vesterby.example']) {
			expect(await demo.getByText(email, { exact: true }).count(), email).toBe(1);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		await expectAccessible(page);
		await demo.getByRole('button', { name: 'Prøv som Hanne Vestergaard' }).click();
		await page.waitForURL(`${app.server.url}/`);
		expect(await page.getByRole('link', { name: 'Teamets belastning' }).count()).toBeGreaterThan(0);
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

	it('keeps what was typed before the page had loaded, and signs in with it', async () => {
		const page = await openPage(app.browser);
		const hydrate = await holdScripts(page);
		await page.goto(`${app.server.url}/login`, { waitUntil: 'domcontentloaded' });
		await page.getByLabel('E-mail').fill('mette.lind@vesterby.example');
		await page.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
		await hydrate();
		expect(await page.getByLabel('E-mail').inputValue()).toBe('mette.lind@vesterby.example');
		await page.getByRole('button', { name: 'Log ind' }).click();
		await page.waitForURL(`${app.server.url}/`);
		await page.close();
	});

	it('keeps a choice, ticks and text given before the page had loaded, and records them', async () => {
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		await page.locator('tbody tr a').first().click();
		await page.waitForURL(/\/borgere\/[^/]+$/);
		const consentUrl = `${page.url()}/samtykke`;

		const hydrate = await holdScripts(page);
		await page.goto(consentUrl, { waitUntil: 'domcontentloaded' });
		await page.getByRole('radio', { name: 'Person fra netværket' }).check();
		await page.getByLabel('Navn', { exact: true }).fill('Else Holm');
		await page.getByLabel('Relation til borgeren').fill('Søster');
		const firstSection = page.locator('input[name="sections"]').first();
		await firstSection.check();
		await page.getByLabel('Formål').fill('Else må høre, hvordan det går med boligen');
		await hydrate();

		expect(await page.getByRole('radio', { name: 'Person fra netværket' }).isChecked()).toBe(true);
		expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Else Holm');
		expect(await firstSection.isChecked()).toBe(true);
		expect(await page.getByLabel('Formål').inputValue()).toBe(
			'Else må høre, hvordan det går med boligen'
		);
		await page.getByRole('button', { name: 'Registrér nyt samtykke' }).click();
		await page.getByText('Samtykket er registreret.').waitFor();
		expect(await page.locator('tbody').innerText()).toContain('Else Holm');
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
