import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { freshServerStorage, startServer, type RunningServer } from '../helpers/server';
import { requireServiceOrSkipLoudly } from '../helpers/services';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when browser tests can run; in CI a missing Chromium fails the run instead. */
export const hasChromium = requireServiceOrSkipLoudly(
	`Chromium (${CHROMIUM}; apt-get install -y chromium)`,
	fs.existsSync(CHROMIUM)
);

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

/** A page in its own browser context (own cookies), as axe-core requires. Closing it closes both. */
export async function openPage(
	browser: Browser,
	options: { width?: number; height?: number } = {}
) {
	const context = await browser.newContext({
		locale: 'da-DK',
		viewport: { width: options.width ?? 1280, height: options.height ?? 800 }
	});
	// Generous for a loaded 2-core CI machine; a real hang still fails.
	context.setDefaultTimeout(20_000);
	const page = await context.newPage();
	// The browser may already be closing at teardown; the context goes with it then.
	page.once('close', () => context.close().catch(() => {}));
	return page;
}

/** Every page a browser test visits must have no serious or critical WCAG 2.1 AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
	expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Holds the app's scripts back, as a slow connection does: until the returned function is
 * called, the page is the server's HTML and whatever the user types goes into it. The function
 * lets the scripts load and waits until the page has hydrated.
 */
export async function holdScripts(page: Page): Promise<() => Promise<void>> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	// Stylesheets are not held: the inline start script waits for them, and so would the page.
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await released;
		await route.continue();
	});
	return async () => {
		release();
		await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
	};
}

/**
 * The quick-contact form alone: the journal beside it holds the demo's entries, seeded relative
 * to today, whose kinds and places ("Forsøg uden kontakt", "Telefon", "15") are the same words.
 */
export function quickContactForm(page: Page) {
	return page.locator('form').filter({ has: page.getByLabel('Kort note') });
}

export async function logIn(page: Page, baseUrl: string, email: string, password: string) {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Adgangskode').fill(password);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await page.waitForURL(`${baseUrl}/`);
}

/**
 * The built app on a fresh database, and a browser, for one test file: started before its tests,
 * stopped after them.
 */
export function useApp(): { server: RunningServer; browser: Browser } {
	const app = {} as { server: RunningServer; browser: Browser };
	let storage: Awaited<ReturnType<typeof freshServerStorage>> | undefined;
	beforeAll(async () => {
		storage = await freshServerStorage();
		app.server = await startServer(storage.env);
		app.browser = await launchBrowser();
	});
	afterAll(async () => {
		await app.browser?.close();
		await app.server?.stop();
		await storage?.cleanup();
	});
	return app;
}
