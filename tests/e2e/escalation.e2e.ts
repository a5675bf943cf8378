import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { emailFor } from '../../src/lib/server/db/seed/names';
import {
	expectAccessible,
	hasChromium,
	logIn,
	openPage,
	quickContactForm,
	useApp
} from './harness';

describe.runIf(hasChromium)('lost contact, cleared live', () => {
	const app = useApp();

	it("a contact logged on a phone for an escalated citizen drops them from the team leader's open dashboard", async () => {
		const leader = await openPage(app.browser);
		await logIn(leader, app.server.url, 'hanne.vestergaard@vesterby.example', DEMO_PASSWORD);
		await leader.getByRole('link', { name: 'Teamets belastning' }).click();
		await leader.waitForURL(`${app.server.url}/team`);
		await expectAccessible(leader);
		const lost = leader.getByRole('region', { name: /Mistet kontakt/ });
		const rows = lost.locator('ul.cards > li');
		const before = await rows.count();
		expect(before, 'the demo team has a citizen past the escalation threshold').toBeGreaterThan(0);

		// Mette's own escalated citizen if she has one; otherwise the colleague's the list names.
		const mettes = rows.filter({ hasText: 'ICM-medarbejder: Mette Lind' });
		const row = (await mettes.count()) > 0 ? mettes.first() : rows.first();
		const citizen = (await row.locator('.who a').textContent())!.trim();
		const caseManager = (await row.getByText(/^ICM-medarbejder: /).textContent())!
			.replace('ICM-medarbejder:', '')
			.trim();
		// Survives a data reload, not a navigation: proves the list changed in place.
		await leader.evaluate(() => (document.body.dataset.e2eOpen = 'yes'));

		const phone = await openPage(app.browser, { width: 375, height: 667 });
		await logIn(phone, app.server.url, emailFor(caseManager), DEMO_PASSWORD);
		await phone.getByRole('link', { name: 'Min dag' }).click();
		await phone.waitForURL(`${app.server.url}/min-dag`);
		await expectAccessible(phone);
		expect(
			await phone.evaluate(() => document.documentElement.scrollWidth),
			'no sideways scrolling at 375 px'
		).toBeLessThanOrEqual(375);
		await phone.getByRole('link', { name: `Registrér kontakt med ${citizen}` }).click();
		await phone.waitForURL(/\/borgere\/[^/]+\/journal$/);

		const form = quickContactForm(phone);
		await form.getByRole('group', { name: 'Hvad' }).getByText('Telefon', { exact: true }).click();
		await form.getByText('15', { exact: true }).click();
		await form.getByLabel('Kort note').fill('Fik fat i ham på telefonen. Aftalt besøg i morgen.');
		await form.getByRole('button', { name: 'Gem kontakt' }).click();
		await expect.poll(() => phone.getByText('Kontakten er gemt.').isVisible()).toBe(true);

		await expect
			.poll(() => lost.getByRole('link', { name: citizen, exact: true }).count(), {
				timeout: 10_000
			})
			.toBe(0);
		expect(await rows.count()).toBe(before - 1);
		expect(await leader.evaluate(() => document.body.dataset.e2eOpen)).toBe('yes');

		await phone.goto(`${app.server.url}/min-dag`);
		const mine = phone.getByRole('region', { name: /Mistet kontakt/ });
		expect(await mine.getByRole('link', { name: citizen, exact: true }).count()).toBe(0);
		await phone.close();
		await leader.close();
	});
});
