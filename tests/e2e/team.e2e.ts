import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { expectAccessible, hasChromium, logIn, openPage, useApp } from './harness';

describe.runIf(hasChromium)('team dashboard', () => {
	const app = useApp();

	it('shows a team leader each case manager against capacity, as a chart and as a table', async () => {
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'hanne.vestergaard@vesterby.example', DEMO_PASSWORD);
		await page.getByRole('link', { name: 'Teamets belastning' }).click();
		await page.waitForURL(`${app.server.url}/team`);
		const rows = page
			.getByRole('table', { name: 'Borgere og kapacitet pr. ICM-medarbejder' })
			.locator('tbody tr');
		expect(await rows.count()).toBe(6);
		const mette = rows.filter({ hasText: 'Mette Lind' });
		expect(await mette.locator('td').nth(1).textContent()).toContain('10');
		expect(await mette.textContent()).toContain('Over kapacitet');
		expect(await page.getByText('over kapacitet').first().isVisible()).toBe(true);
		const drawn = await page
			.locator('canvas')
			.first()
			.evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.height > 0);
		expect(drawn).toBe(true);
		await expectAccessible(page);
		await page.close();
	});

	it('is not there for a case manager', async () => {
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'mette.lind@vesterby.example', DEMO_PASSWORD);
		const response = await page.goto(`${app.server.url}/team`);
		expect(response?.status()).toBe(403);
		await page.close();
	});
});
