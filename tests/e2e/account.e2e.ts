import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { freshServerStorage, startServer, type RunningServer } from '../helpers/server';
import { expectAccessible, hasChromium, launchBrowser, logIn, openPage } from './harness';

describe.runIf(hasChromium)('accounts in the browser', () => {
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

	it('an administrator invites a partner, who sets a password from the one-time link', async () => {
		const admin = await openPage(browser);
		await logIn(admin, server.url, 'birgitte.skov@vesterby.example', DEMO_PASSWORD);
		await admin.getByRole('link', { name: 'Brugere' }).click();
		await admin.waitForURL(`${server.url}/admin`);
		await expectAccessible(admin);
		await admin.getByLabel('Navn').fill('Karin Nyborg');
		await admin.getByLabel('E-mail').fill('karin.nyborg@vesterby.example');
		await admin.getByLabel('Rolle').selectOption('partner');
		await admin.getByLabel('Team eller organisation').selectOption({ label: 'Jobcenter Vesterby' });
		await admin.getByRole('button', { name: 'Inviter bruger' }).click();
		const link = await admin.locator('.link-box code').textContent();
		expect(link).toMatch(/\/invitation\/[a-z2-7]{40}$/);
		await admin.close();

		const invitee = await openPage(browser);
		await invitee.goto(link!);
		expect(await invitee.getByRole('heading', { level: 1 }).textContent()).toBe(
			'Vælg din adgangskode'
		);
		await expectAccessible(invitee);
		await invitee.getByLabel('Ny adgangskode', { exact: true }).fill('kort');
		await invitee.getByLabel('Gentag ny adgangskode').fill('kort');
		await invitee.getByRole('button', { name: 'Gem og log ind' }).click();
		await expect
			.poll(() => invitee.getByRole('alert').textContent())
			.toBe('Adgangskoden skal være mindst 12 tegn.');
		await invitee.getByLabel('Ny adgangskode', { exact: true }).fill('karins lange nye kode');
		await invitee.getByLabel('Gentag ny adgangskode').fill('karins lange nye kode');
		await invitee.getByRole('button', { name: 'Gem og log ind' }).click();
		await invitee.waitForURL(`${server.url}/`);
		expect(await invitee.getByRole('heading', { level: 1 }).textContent()).toBe(
			'Goddag, Karin Nyborg'
		);
		await invitee.goto(link!);
		expect(await invitee.getByRole('heading', { level: 1 }).textContent()).toBe(
			'Siden findes ikke.'
		);
		await invitee.close();
	});

	it('a case manager can log out on every device from their account page', async () => {
		const desk = await openPage(browser);
		const phone = await openPage(browser, { width: 375, height: 667 });
		await logIn(desk, server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		await logIn(phone, server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		await desk.getByRole('link', { name: 'Min konto' }).click();
		await desk.waitForURL(`${server.url}/konto`);
		await expectAccessible(desk);
		await desk.getByRole('button', { name: 'Log ud på alle enheder' }).click();
		await desk.waitForURL(`${server.url}/login`);
		await phone.reload();
		expect(phone.url()).toBe(`${server.url}/login`);
		await desk.close();
		await phone.close();
	});
});
