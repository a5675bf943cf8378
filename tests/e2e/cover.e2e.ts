import { describe, expect, it } from 'vitest';
import { copenhagenLocalNow } from '../../src/lib/dates';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { upgradeStatus } from '../helpers/yjs-client';
import { expectAccessible, hasChromium, logIn, openPage, useApp } from './harness';

describe.runIf(hasChromium)('cover for a sick colleague', () => {
	const app = useApp();

	it('a sick day registered and confirmed reaches the covering colleague live, and access ends with the absence on every channel', async () => {
		const leader = await openPage(app.browser);
		await logIn(leader, app.server.url, 'hanne.vestergaard@vesterby.example', DEMO_PASSWORD);
		const colleague = await openPage(app.browser);
		await logIn(colleague, app.server.url, 'amir.haddad@vesterby.example', DEMO_PASSWORD);
		const covering = colleague.locator('section[aria-labelledby="covering"]');

		await leader.getByRole('link', { name: 'Fravær og dækning' }).click();
		await leader.waitForURL(`${app.server.url}/team/fravaer`);
		await expectAccessible(leader);
		// Mette Lind calls in sick for the next hours (her holiday next week must not overlap).
		await leader.getByLabel('Medarbejder').selectOption({ label: 'Mette Lind' });
		await leader.getByLabel('Type').selectOption({ label: 'Sygdom' });
		await leader
			.getByLabel('Til', { exact: true })
			.fill(copenhagenLocalNow(new Date(Date.now() + 3_600_000)));
		await leader.getByRole('button', { name: 'Registrér fravær' }).click();
		const sick = leader.locator('section.absence').filter({ hasText: 'Sygdom' });
		await expect.poll(() => sick.locator('tbody tr').count()).toBeGreaterThan(0);
		expect(await sick.getByText('Forslag – afventer bekræftelse').count()).toBeGreaterThan(0);

		// The team leader gives the first citizen to Amir, and accepts the other proposals.
		const first = sick.locator('tbody tr').first();
		const citizenName = (await first.locator('th').textContent())!.trim();
		await first.getByRole('combobox').selectOption({ label: 'Amir Haddad' });
		await first.getByRole('button', { name: 'Bekræft' }).click();
		await expect.poll(() => first.getByText('Dækket', { exact: true }).count()).toBe(1);
		await expect.poll(() => covering.getByRole('link', { name: citizenName }).count()).toBe(1);
		await sick.getByRole('button', { name: 'Bekræft alle forslag' }).click();
		await expect.poll(() => sick.getByText('Ikke dækket').count()).toBe(0);

		const citizenPath = await covering
			.getByRole('link', { name: citizenName })
			.getAttribute('href');
		const citizenId = citizenPath!.split('/').at(-1)!;
		expect((await colleague.goto(`${app.server.url}/borgere/${citizenId}`))?.status()).toBe(200);
		await colleague.goto(app.server.url);
		await expect.poll(() => colleague.getByText('Forbundet').count()).toBe(1);

		// Mette is back: the window closes now, and with it Amir's access.
		await sick.getByRole('button', { name: 'Tilbage nu' }).click();
		await expect
			.poll(() => leader.locator('section.absence').filter({ hasText: 'Sygdom' }).count())
			.toBe(0);
		await expect.poll(() => covering.count()).toBe(0);

		const cookies = await colleague.context().cookies();
		const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
		expect((await colleague.goto(`${app.server.url}/borgere/${citizenId}`))?.status()).toBe(404);
		const api = await fetch(`${app.server.url}/api/borgere/${citizenId}/kontakter`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json', origin: app.server.url },
			body: JSON.stringify({
				clientId: crypto.randomUUID(),
				occurredAt: new Date().toISOString(),
				kind: 'phone',
				place: 'other',
				durationMinutes: 5,
				note: 'Efter vinduet'
			})
		});
		// Refused like an unknown citizen: a closed window does not even confirm who it was.
		expect(api.status).toBe(404);
		const yjs = `${app.server.url.replace('http', 'ws')}/yjs/plan/${citizenId}/housing`;
		expect(await upgradeStatus(yjs, { cookie, origin: app.server.url })).toBe(403);
		await leader.close();
		await colleague.close();
	});

	it('a case manager names a standing buddy and plans a course, and sees a clear error for an overlap', async () => {
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		await page.getByRole('link', { name: 'Mit fravær' }).click();
		await page.waitForURL(`${app.server.url}/fravaer`);
		await expectAccessible(page);

		const row = page.locator('section[aria-labelledby="buddies"] tbody tr').first();
		const buddy = row.getByRole('combobox');
		const current = await buddy.inputValue();
		const choices = await buddy
			.locator('option')
			.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
		const choice = choices.find((value) => value && value !== current)!;
		await buddy.selectOption(choice);
		await row.getByRole('button', { name: 'Gem makker' }).click();
		await expect.poll(() => page.getByText('Makkeren er gemt.').isVisible()).toBe(true);
		// The saved buddy shows once saved (not the one before), and after a reload.
		await expect.poll(() => buddy.inputValue()).toBe(choice);
		await page.reload();
		expect(await buddy.inputValue()).toBe(choice);

		const course = { from: '2031-01-06T08:00', to: '2031-01-06T16:00' };
		for (const attempt of [1, 2]) {
			await page.getByLabel('Type').selectOption({ label: 'Kursus' });
			await page.getByLabel('Fra', { exact: true }).fill(course.from);
			await page.getByLabel('Til', { exact: true }).fill(course.to);
			await page.getByRole('button', { name: 'Registrér fravær' }).click();
			const message = attempt === 1 ? 'Fraværet er registreret' : 'allerede fravær i den periode';
			await expect.poll(() => page.getByText(message).count()).toBe(1);
		}
		expect(
			await page
				.locator('section[aria-labelledby="my-absences"] tbody tr')
				.filter({ hasText: 'Kursus' })
				.count()
		).toBe(1);
		await page.close();
	});
});
