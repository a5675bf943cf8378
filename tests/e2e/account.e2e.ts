import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { expectAccessible, hasChromium, logIn, openPage, useApp } from './harness';

describe.runIf(hasChromium)('accounts in the browser', () => {
	const app = useApp();

	it('an administrator invites a partner, who sets a password from the one-time link', async () => {
		const admin = await openPage(app.browser);
		await logIn(admin, app.server.url, 'birgitte.skov@vesterby.example', DEMO_PASSWORD);
		await admin.getByRole('link', { name: 'Brugere' }).click();
		await admin.waitForURL(`${app.server.url}/admin`);
		await expectAccessible(admin);
		await admin.getByLabel('Navn').fill('Karin Nyborg');
		await admin.getByLabel('E-mail').fill('karin.nyborg@vesterby.example');
		await admin.getByLabel('Rolle').selectOption('partner');
		await admin.getByLabel('Team eller organisation').selectOption({ label: 'Jobcenter Vesterby' });
		await admin.getByRole('button', { name: 'Inviter bruger' }).click();
		const link = await admin.locator('.link-box code').textContent();
		expect(link).toMatch(/\/invitation\/[a-z2-7]{40}$/);
		await admin.close();

		const invitee = await openPage(app.browser);
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
		await invitee.waitForURL(`${app.server.url}/`);
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
		const desk = await openPage(app.browser);
		const phone = await openPage(app.browser, { width: 375, height: 667 });
		await logIn(desk, app.server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		await logIn(phone, app.server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		await desk.getByRole('link', { name: 'Min konto' }).click();
		await desk.waitForURL(`${app.server.url}/konto`);
		await expectAccessible(desk);
		await desk.getByRole('button', { name: 'Log ud på alle enheder' }).click();
		await desk.waitForURL(`${app.server.url}/login`);
		await phone.reload();
		expect(phone.url()).toBe(`${app.server.url}/login`);
		await desk.close();
		await phone.close();
	});

	it('asks for the current password before an authenticator is added from the account page', async () => {
		const leader = await openPage(app.browser);
		await logIn(leader, app.server.url, 'hanne.vestergaard@vesterby.example', DEMO_PASSWORD);
		await leader.goto(`${app.server.url}/konto`);
		await leader.getByRole('link', { name: 'Opsæt totrinsbekræftelse' }).click();
		await leader.waitForURL(`${app.server.url}/login/totp/opsaetning`);
		const secret = (await leader.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
		await leader.getByLabel('Din nuværende adgangskode').fill('ikke-min-adgangskode');
		await leader
			.getByLabel('Engangskode (6 cifre)')
			.fill(generateTOTP(decodeBase32IgnorePadding(secret), 30, 6));
		await leader.getByRole('button', { name: 'Aktivér' }).click();
		await expect
			.poll(() => leader.getByRole('alert').textContent())
			.toContain('Adgangskoden er forkert');
		await expectAccessible(leader);
		await leader.goto(`${app.server.url}/konto`);
		expect(await leader.getByRole('link', { name: 'Opsæt totrinsbekræftelse' }).count()).toBe(1);
		await leader.close();
	});

	it('when the administrator requires it, a partner enrols an authenticator and then signs in with codes', async () => {
		const admin = await openPage(app.browser);
		await logIn(admin, app.server.url, 'birgitte.skov@vesterby.example', DEMO_PASSWORD);
		await admin.goto(`${app.server.url}/admin`);
		await admin.getByRole('checkbox', { name: 'Samarbejdspartner' }).check();
		await admin.getByRole('button', { name: 'Gem krav' }).click();
		await expect
			.poll(() => admin.getByRole('status').last().textContent())
			.toContain('Kravet er gemt');
		await admin.close();

		const partner = await openPage(app.browser);
		await partner.goto(`${app.server.url}/login`);
		await partner.getByLabel('E-mail').fill('lene.dahl@vesterby.example');
		await partner.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
		await partner.getByRole('button', { name: 'Log ind' }).click();
		await partner.waitForURL(`${app.server.url}/login/totp/opsaetning`);
		await expectAccessible(partner);
		const secret = (await partner.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
		const key = decodeBase32IgnorePadding(secret);
		await partner.getByLabel('Engangskode (6 cifre)').fill(generateTOTP(key, 30, 6));
		await partner.getByRole('button', { name: 'Aktivér' }).click();
		await expect.poll(() => partner.locator('.codes li').count()).toBe(8);
		await partner.getByRole('link', { name: 'Fortsæt til Samplan' }).click();
		await partner.waitForURL(`${app.server.url}/`);
		await partner.getByRole('button', { name: 'Log ud' }).click();
		await partner.waitForURL(`${app.server.url}/login`);

		await partner.getByLabel('E-mail').fill('lene.dahl@vesterby.example');
		await partner.getByLabel('Adgangskode').fill(DEMO_PASSWORD);
		await partner.getByRole('button', { name: 'Log ind' }).click();
		await partner.waitForURL(`${app.server.url}/login/totp`);
		await expectAccessible(partner);
		await partner.goto(`${app.server.url}/`);
		expect(partner.url()).toBe(`${app.server.url}/login/totp`);
		await partner.getByLabel('Engangskode (6 cifre)').fill(generateTOTP(key, 30, 6));
		await partner.getByRole('button', { name: 'Bekræft' }).click();
		await partner.waitForURL(`${app.server.url}/`);
		expect(await partner.getByRole('heading', { level: 1 }).textContent()).toBe(
			'Goddag, Lene Dahl'
		);
		await partner.close();
	});
});
