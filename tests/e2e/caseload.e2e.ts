import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { expectAccessible, hasChromium, logIn, openPage, useApp } from './harness';

/** Moves the first citizen on the drill-down page to the named colleague, with a reason. */
async function moveFirstCitizen(page: Page, to: string, override?: string) {
	const rows = page.locator('tbody tr');
	const before = await rows.count();
	const row = rows.first();
	const select = row.getByLabel('Flyt til');
	const value = await select.locator('option', { hasText: to }).getAttribute('value');
	await select.selectOption(value!);
	await row.getByLabel('Begrundelse', { exact: true }).fill('Kender borgeren fra herberget');
	if (override) {
		await row.getByRole('button', { name: 'Flyt borger' }).click();
		await expect.poll(() => page.getByText('Kollegaen kommer over kapaciteten').count()).toBe(1);
		await row.getByLabel('Begrundelse for at gå over kapaciteten').fill(override);
	}
	await row.getByRole('button', { name: 'Flyt borger' }).click();
	// The citizen leaves this list once the move is stored (the message may be the last move's).
	await expect.poll(() => rows.count()).toBe(before - 1);
	expect(await page.getByText('Borgeren er flyttet').count()).toBe(1);
}

describe.runIf(hasChromium)('rebalancing a team', () => {
	const app = useApp();

	it('a team leader moves citizens and applies a suggestion, and the case manager sees the load change live', async () => {
		const caseManager = await openPage(app.browser);
		await logIn(caseManager, app.server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		await expect.poll(() => caseManager.getByText('6 borgere af 8 mulige').count()).toBe(1);
		await expect.poll(() => caseManager.getByText('Forbundet').count()).toBe(1);

		const leader = await openPage(app.browser);
		await logIn(leader, app.server.url, 'kristian.lund@vesterby.example', DEMO_PASSWORD);
		await leader.goto(`${app.server.url}/team`);
		await leader.getByRole('link', { name: 'Se Camilla Friiss borgere' }).click();
		await leader.waitForURL(/\/team\/medarbejder\//);
		await expectAccessible(leader);

		await moveFirstCitizen(leader, 'Peter Munk');
		await expect.poll(() => caseManager.getByText('7 borgere af 8 mulige').count()).toBe(1);
		await moveFirstCitizen(leader, 'Peter Munk');
		await moveFirstCitizen(leader, 'Peter Munk', 'Borgeren ønsker Peter, midlertidigt');
		await expect.poll(() => caseManager.getByText('9 borgere af 8 mulige').count()).toBe(1);

		await leader.goto(`${app.server.url}/team/omfordeling`);
		await expectAccessible(leader);
		const moves = leader.locator('tbody input[type="checkbox"]');
		expect(await moves.count()).toBe(1);
		expect(await leader.locator('tbody tr').first().textContent()).toContain('Peter Munk');
		await leader.getByRole('button', { name: 'Gennemfør valgte flytninger' }).click();
		await expect.poll(() => leader.getByText('1 borger er flyttet.').count()).toBe(1);
		await expect.poll(() => caseManager.getByText('8 borgere af 8 mulige').count()).toBe(1);
		await expect
			.poll(() =>
				leader
					.getByText('Alle er inden for kapaciteten. Der er intet at flytte.', { exact: true })
					.count()
			)
			.toBe(1);
		await leader.close();
		await caseManager.close();
	});
});
