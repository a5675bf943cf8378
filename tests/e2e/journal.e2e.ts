import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import {
	expectAccessible,
	hasChromium,
	logIn,
	openPage,
	quickContactForm,
	useApp
} from './harness';

/**
 * The journal entries that show this note. Not getByText: the correction form's textarea holds
 * the note too, as text until the page has hydrated and as its value after.
 */
function loggedNotes(page: Page, note: string) {
	return page.getByRole('paragraph').filter({ hasText: note });
}

describe.runIf(hasChromium)('contact journal on a phone', () => {
	const app = useApp();

	it('logs a contact in a few taps, and one written offline arrives exactly once after reconnecting', async () => {
		const page = await openPage(app.browser, { width: 375, height: 667 });
		await logIn(page, app.server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		const href = await page.locator('tbody tr a').first().getAttribute('href');
		const journal = new URL(`${href!.replace(/^\./, '')}/journal`, app.server.url).toString();
		await page.goto(journal);
		await expectAccessible(page);

		const form = quickContactForm(page);
		await form.getByRole('group', { name: 'Hvad' }).getByText('Telefon', { exact: true }).click();
		await form.getByText('15', { exact: true }).click();
		await form.getByLabel('Kort note').fill('Ringede om tandlægetid på torsdag.');
		await page.getByRole('button', { name: 'Gem kontakt' }).click();
		await expect.poll(() => page.getByText('Kontakten er gemt.').isVisible()).toBe(true);
		await expect
			.poll(() => loggedNotes(page, 'Ringede om tandlægetid på torsdag.').count())
			.toBe(1);

		// A correction: the note shown, and the one in the correction box, are the corrected one.
		const entry = page
			.getByRole('listitem')
			.filter({ hasText: 'Ringede om tandlægetid på torsdag.' });
		await entry.getByText('Ret', { exact: true }).click();
		await entry.getByLabel('Rettet note').fill('Ringede om tandlægetid på fredag.');
		await entry.getByRole('button', { name: 'Gem rettelse' }).click();
		await expect.poll(() => loggedNotes(page, 'Ringede om tandlægetid på fredag.').count()).toBe(1);
		const corrected = page
			.getByRole('listitem')
			.filter({ hasText: 'Ringede om tandlægetid på fredag.' });
		await corrected.getByText('Ret', { exact: true }).click();
		expect(await corrected.getByLabel('Rettet note').inputValue()).toBe(
			'Ringede om tandlægetid på fredag.'
		);

		await page.context().setOffline(true);
		await form.getByText('Forsøg uden kontakt', { exact: true }).click();
		await form.getByLabel('Kort note').fill('Bankede på, ingen åbnede. Lagde seddel.');
		await form.getByRole('button', { name: 'Gem kontakt' }).click();
		await expect
			.poll(() => page.getByRole('status').filter({ hasText: 'Gemt på enheden' }).count())
			.toBe(1);

		await page.context().setOffline(false);
		await page.evaluate(() => window.dispatchEvent(new Event('online')));
		await expect
			.poll(() => loggedNotes(page, 'Bankede på, ingen åbnede. Lagde seddel.').count(), {
				timeout: 10_000
			})
			.toBe(1);
		await page.reload();
		expect(await loggedNotes(page, 'Bankede på, ingen åbnede. Lagde seddel.').count()).toBe(1);
		await page.close();
	});
});
