import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { expectAccessible, hasChromium, logIn, openPage, useApp } from './harness';

const housing = (page: Page) => page.getByRole('region', { name: 'Bolig', exact: true });
const actionTexts = (page: Page) =>
	housing(page)
		.getByLabel('Hvad skal ske?', { exact: true })
		.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

describe.runIf(hasChromium)('a plan meeting', () => {
	const app = useApp();

	it('turns a decision into an action everyone sees live, and its end is a version in the history', async () => {
		const caseManager = await openPage(app.browser);
		await logIn(caseManager, app.server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		const href = await caseManager.locator('tbody tr a').first().getAttribute('href');
		const citizenId = /\/borgere\/([0-9a-f-]{36})/.exec(href!)![1]!;
		const leader = await openPage(app.browser);
		await logIn(leader, app.server.url, 'hanne.vestergaard@vesterby.example', DEMO_PASSWORD);
		await leader.goto(`${app.server.url}/borgere/${citizenId}/plan`);

		await caseManager.goto(`${app.server.url}/borgere/${citizenId}/plan/moede`);
		await caseManager.getByRole('button', { name: 'Start møde' }).click();
		await expect.poll(() => caseManager.getByText('Mødet startede').count()).toBe(1);
		const decision = caseManager.locator('form.decision');
		await decision.getByLabel('Livsområde').selectOption({ label: 'Bolig' });
		await decision.getByLabel('Hvad skal ske?').fill('Besigtige lejligheden på Havnevej');
		await decision.getByLabel('Frist (valgfri)').fill('2031-01-15');
		await decision.getByRole('button', { name: 'Tilføj handling' }).click();
		await expect
			.poll(() => decision.getByText('Handlingen er tilføjet under Bolig.').count())
			.toBe(1);
		await expect.poll(() => actionTexts(leader)).toContain('Besigtige lejligheden på Havnevej');
		await expect.poll(() => caseManager.locator('p[data-state]').textContent()).toContain('Gemt');
		await expectAccessible(caseManager);

		await caseManager.getByRole('button', { name: 'Afslut møde og gem en version' }).click();
		await expect.poll(() => caseManager.getByText('Mødet er afsluttet').count()).toBe(1);
		await caseManager.goto(`${app.server.url}/borgere/${citizenId}/plan/historik`);
		const rows = caseManager.locator('tbody tr');
		expect(await rows.first().textContent()).toContain('Efter møde');
		await expectAccessible(caseManager);
		await caseManager.close();
		await leader.close();
	});
});
