import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AUDIT_PURPOSES } from '../../src/lib/audit/codes';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { expectAccessible, hasChromium, logIn, openPage, useApp } from './harness';

/** Visits each path as it is, checks it answers 200 with its heading, and runs axe on it. */
async function visitAll(page: Page, baseUrl: string, paths: string[]) {
	for (const path of paths) {
		const response = await page.goto(`${baseUrl}${path}`);
		expect(response?.status(), path).toBe(200);
		expect(await page.locator('h1').count(), path).toBe(1);
		await expectAccessible(page);
	}
}

/** Searches as a user does; the name is posted, so it appears in no URL. */
async function search(page: Page, baseUrl: string, query: string) {
	await page.goto(`${baseUrl}/soeg`);
	await page.getByLabel('Borgerens navn').fill(query);
	await page.locator('form[role="search"] button[type="submit"]').click();
	await expect.poll(() => page.getByRole('status').count()).toBeGreaterThan(0);
	expect(page.url()).not.toContain(query);
	await expectAccessible(page);
}

/** No audit code ('plan.read', 'citizen overview') reaches the page; Danish text stands for each. */
async function expectNoCodes(page: Page) {
	const text = (await page.locator('main').innerText()).replace(/\S+@\S+/g, '');
	expect(text).not.toMatch(/\b[a-z]+(?:\.[a-z_]+)+\b/);
	for (const code of AUDIT_PURPOSES.filter((c) => c.includes(' '))) {
		expect(text, code).not.toContain(code);
	}
}

describe.runIf(hasChromium)('every page, for the role that uses it', () => {
	const app = useApp();

	it('a team leader’s pages are reachable and accessible', async () => {
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'kristian.lund@vesterby.example', DEMO_PASSWORD);
		await visitAll(page, app.server.url, [
			'/team',
			'/team/visitation',
			'/team/indstillinger',
			'/team/fravaer',
			'/team/omfordeling'
		]);
		await search(page, app.server.url, 'an');
		await page.close();
	});

	it('a case manager’s pages are reachable and accessible, on a phone too', async () => {
		const page = await openPage(app.browser, { width: 375, height: 667 });
		await logIn(page, app.server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		const href = await page.locator('tbody tr a').first().getAttribute('href');
		const citizen = /\/borgere\/([0-9a-f-]{36})/.exec(href!)![1]!;
		await visitAll(page, app.server.url, [
			'/min-dag',
			'/fravaer',
			`/borgere/${citizen}`,
			`/borgere/${citizen}/journal`,
			`/borgere/${citizen}/journal/udskrift`,
			`/borgere/${citizen}/plan/historik`,
			`/borgere/${citizen}/samtykke`
		]);
		await page.close();
	});

	it('the audit log and the citizen’s access report say everything in Danish, never as codes', async () => {
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'peter.munk@vesterby.example', DEMO_PASSWORD);
		const href = await page.locator('tbody tr a').first().getAttribute('href');
		const citizen = /\/borgere\/([0-9a-f-]{36})/.exec(href!)![1]!;
		// Reading the citizen's data in several ways leaves audit rows of several kinds.
		for (const path of ['', '/journal', '/plan', '/plan/historik', '/samtykke']) {
			await page.goto(`${app.server.url}/borgere/${citizen}${path}`);
		}
		await visitAll(page, app.server.url, [`/borgere/${citizen}/indsigt`]);
		await expectNoCodes(page);
		const report = page.locator('main tbody tr');
		const lines = await report.evaluateAll((rows) =>
			rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent))
		);
		expect(lines.length).toBeGreaterThan(0);
		expect(new Set(lines.map((l) => JSON.stringify(l))).size, 'one line per purpose a day').toBe(
			lines.length
		);
		await page.close();

		for (const leaderEmail of [
			'hanne.vestergaard@vesterby.example',
			'kristian.lund@vesterby.example'
		]) {
			const leader = await openPage(app.browser);
			await logIn(leader, app.server.url, leaderEmail, DEMO_PASSWORD);
			const response = await leader.goto(`${app.server.url}/borgere/${citizen}/logning`);
			if (response?.status() === 200) {
				expect(await leader.locator('main tbody tr').count()).toBeGreaterThan(0);
				await expectAccessible(leader);
				await expectNoCodes(leader);
			}
			await leader.close();
		}
	});

	it('a partner opens a shared plan from the start page, and searches only citizens who share with them', async () => {
		const page = await openPage(app.browser);
		await logIn(page, app.server.url, 'anders.kjaer@vesterby.example', DEMO_PASSWORD);
		await visitAll(page, app.server.url, ['/']);
		// The start page: the citizens sharing with the jobcenter, each opening their plan, with
		// the parts shared; and the jobcenter's open actions in those plans.
		await page.goto(app.server.url);
		const firstShared = page.locator('main table').first().locator('tbody tr').first();
		expect(await firstShared.locator('td').first().textContent()).toContain(
			'Uddannelse og beskæftigelse'
		);
		expect(await page.getByRole('heading', { name: 'Mine åbne indsatser' }).isVisible()).toBe(true);
		expect(await page.locator('main table').nth(1).locator('tbody tr').count()).toBeGreaterThan(0);
		await firstShared.getByRole('link').click();
		await page.waitForURL(/\/borgere\/[^/]+\/plan$/);

		await search(page, app.server.url, 'en');
		const links = await page
			.locator('main ul a, main table a')
			.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
		const found = links.filter((l) => l.includes('/borgere/'));
		expect(found.length).toBeGreaterThan(0);
		for (const link of found) {
			expect(link).toMatch(/\/plan$/);
		}
		await page.close();
	});
});
