import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/db/seed';
import { freshServerStorage, startServer, type RunningServer } from '../helpers/server';
import { expectAccessible, hasChromium, launchBrowser, logIn, openPage } from './harness';

const CASE_MANAGER = 'mette.lind@vesterby.example';
const PARTNER = 'anders.kjaer@vesterby.example';
const LEADER = 'hanne.vestergaard@vesterby.example';
/** What the demo's jobcenter consents always cover (src/lib/server/db/seed/consents.ts). */
const JOBCENTER_SECTIONS = ['daily_activities', 'economy', 'education_employment'];

describe.runIf(hasChromium)('the living plan in the browser', () => {
	let storage: Awaited<ReturnType<typeof freshServerStorage>>;
	let server: RunningServer;
	let browser: Browser;
	let caseManager: Page;
	let partner: Page;
	let citizenId: string;
	const partnerSockets: string[] = [];
	// The demo plans are written already: the goal the tests add comes after the ones there.
	let newGoal = '';

	beforeAll(async () => {
		storage = await freshServerStorage();
		server = await startServer(storage.env);
		browser = await launchBrowser();
		caseManager = await openPage(browser);
		partner = await openPage(browser);
		partner.on('websocket', (socket) => partnerSockets.push(socket.url()));
		await logIn(caseManager, server.url, CASE_MANAGER, DEMO_PASSWORD);
		await logIn(partner, server.url, PARTNER, DEMO_PASSWORD);
		citizenId = await findSharedCitizen();
	});
	afterAll(async () => {
		// Each page has its own context (openPage); closing them first keeps teardown quiet.
		for (const page of [caseManager, partner]) await page?.context().close();
		await browser?.close();
		await server?.stop();
		await storage?.cleanup();
	});

	/** One of Mette's citizens whose consent gives the jobcenter part of the plan. */
	async function findSharedCitizen(): Promise<string> {
		const hrefs = await caseManager
			.locator('tbody tr a')
			.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
		for (const href of hrefs) {
			const id = /\/borgere\/([0-9a-f-]{36})/.exec(href)?.[1];
			if (!id) continue;
			const response = await partner.request.get(`${server.url}/borgere/${id}/plan`);
			if (response.status() === 200) return id;
		}
		throw new Error('no citizen of Mette Lind shares plan sections with the jobcenter');
	}

	/** Every state the save indicator shows from now on, in order. */
	async function recordSaveStates(page: Page): Promise<() => Promise<string[]>> {
		await page.locator('p[data-state]').evaluate((indicator) => {
			const seen: string[] = [];
			new MutationObserver(() => seen.push(indicator.getAttribute('data-state') ?? '')).observe(
				indicator,
				{ attributes: true, attributeFilter: ['data-state'] }
			);
			Object.assign(indicator, { seenStates: seen });
		});
		return () =>
			page
				.locator('p[data-state]')
				.evaluate((indicator) => (indicator as unknown as { seenStates: string[] }).seenStates);
	}

	const planUrl = () => `${server.url}/borgere/${citizenId}/plan`;
	const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
	const saveState = (page: Page) => page.locator('p[data-state]');
	const situation = (page: Page, sectionName: string) =>
		section(page, sectionName).getByRole('textbox', { name: 'Nuværende situation' });

	it('opens from the citizen page, with the eight life dimensions and the other sections', async () => {
		await caseManager.goto(`${server.url}/borgere/${citizenId}`);
		await caseManager.getByRole('link', { name: 'Åbn planen' }).click();
		await caseManager.waitForURL(planUrl());
		for (const name of ['Borgerens egne ord', 'Bolig', 'Misbrug', '§ 141-handleplan']) {
			expect(await section(caseManager, name).isVisible()).toBe(true);
		}
		await expect
			.poll(() => saveState(caseManager).textContent(), { timeout: 15_000 })
			.toContain('Gemt');
		await expectAccessible(caseManager);
	});

	it('shows a partner only the consented sections, and opens no socket for the others', async () => {
		await partner.goto(planUrl());
		await situation(partner, 'Uddannelse og beskæftigelse').waitFor();
		const headings = await partner.getByRole('heading', { level: 2 }).allTextContents();
		expect(headings.map((h) => h.trim()).sort()).toEqual(
			['Daglige aktiviteter', 'Til stede', 'Uddannelse og beskæftigelse', 'Økonomi'].sort()
		);
		const body = await partner.locator('main').innerText();
		for (const hidden of ['Misbrug', 'Psykisk helbred', 'Borgerens egne ord']) {
			expect(body).not.toContain(hidden);
		}
		expect(body).toContain('9 afsnit er ikke delt med din organisation');

		const opened = partnerSockets
			.filter((url) => url.includes('/yjs/'))
			.map((url) => new URL(url).pathname.split('/').at(-1));
		expect([...new Set(opened)].sort()).toEqual(JOBCENTER_SECTIONS);
		await expectAccessible(partner);
	});

	it('shows each of them to the other as present', async () => {
		const present = (page: Page) => section(page, 'Til stede').innerText();
		await expect.poll(() => present(caseManager), { timeout: 10_000 }).toContain('Anders Kjær');
		await expect.poll(() => present(partner), { timeout: 10_000 }).toContain('Mette Lind');
		expect(await present(partner)).toContain('Jobcenter Vesterby');
	});

	it('carries text typed by either of them to the other, and says "Gemt" once stored', async () => {
		const seen = await recordSaveStates(caseManager);
		const mine = situation(caseManager, 'Uddannelse og beskæftigelse');
		await mine.click();
		await caseManager.keyboard.type('Vil gerne i praktik i genbrugsbutikken.');
		await expect
			.poll(() => situation(partner, 'Uddannelse og beskæftigelse').textContent(), {
				timeout: 10_000
			})
			.toContain('Vil gerne i praktik i genbrugsbutikken.');
		await expect
			.poll(() => saveState(caseManager).textContent(), { timeout: 10_000 })
			.toContain('Gemt');
		// It said "Gemmer …" while the edit was on its way, and "Gemt" only after.
		expect((await seen()).slice(-2)).toEqual(['saving', 'saved']);

		await situation(partner, 'Økonomi').click();
		await partner.keyboard.type('Kontanthjælp afklares med ydelseskontoret.');
		await expect
			.poll(() => situation(caseManager, 'Økonomi').textContent(), { timeout: 10_000 })
			.toContain('Kontanthjælp afklares med ydelseskontoret.');
		await expect
			.poll(() => saveState(partner).textContent(), { timeout: 10_000 })
			.toContain('Gemt');
		// The partner's focus is in Økonomi, and the case manager can see where.
		await expect
			.poll(() => section(caseManager, 'Til stede').innerText(), { timeout: 10_000 })
			.toContain('i Økonomi');
	});

	it('undoes only one’s own typing, never a colleague’s', async () => {
		const economy = situation(caseManager, 'Økonomi');
		await economy.click();
		await caseManager.keyboard.press('Control+End');
		await caseManager.keyboard.type(' Møde i uge 50.');
		await expect
			.poll(() => situation(partner, 'Økonomi').textContent(), { timeout: 10_000 })
			.toContain('Møde i uge 50.');
		await caseManager.keyboard.press('Control+z');
		await expect
			.poll(() => situation(partner, 'Økonomi').textContent(), { timeout: 10_000 })
			.not.toContain('Møde i uge 50.');
		expect(await economy.textContent()).toContain('Kontanthjælp afklares med ydelseskontoret.');
		await caseManager.keyboard.press('Control+Shift+z');
		await expect.poll(() => economy.textContent()).toContain('Møde i uge 50.');
	});

	it('shares a goal added by the case manager, with its title, as it is typed', async () => {
		const education = section(caseManager, 'Uddannelse og beskæftigelse');
		await education.getByRole('button', { name: 'Tilføj mål' }).waitFor();
		newGoal = `Mål ${(await education.getByLabel(/^Mål \d+$/).count()) + 1}`;
		await education.getByRole('button', { name: 'Tilføj mål' }).click();
		// The new goal's title has the focus, so typing goes straight into it.
		await caseManager.keyboard.type('Praktikplads inden sommer');
		const theirs = section(partner, 'Uddannelse og beskæftigelse').getByLabel(newGoal, {
			exact: true
		});
		await expect
			.poll(() => theirs.inputValue(), { timeout: 10_000 })
			.toBe('Praktikplads inden sommer');
		await expect
			.poll(() => saveState(caseManager).textContent(), { timeout: 10_000 })
			.toContain('Gemt');
		await expectAccessible(caseManager);
	});

	it('has stored what was typed: a fresh page shows it', async () => {
		await caseManager.reload();
		await expect
			.poll(() => situation(caseManager, 'Økonomi').textContent(), { timeout: 15_000 })
			.toContain('Kontanthjælp afklares med ydelseskontoret.');
	});

	it('prints for the citizen: their plan in plain Danish with whom they have given consent', async () => {
		await caseManager.goto(`${server.url}/borgere/${citizenId}/plan/udskrift`);
		expect(await caseManager.getByRole('heading', { level: 1 }).textContent()).toMatch(
			/^Min plan – /
		);
		const text = await caseManager.locator('article').innerText();
		expect(text).toContain('Kontanthjælp afklares med ydelseskontoret.');
		expect(text).toContain(`${newGoal}: Praktikplads inden sommer`);
		expect(text).toContain('Hvem må se min plan?');
		expect(text).toContain('Jobcenter Vesterby');
		await expectAccessible(caseManager);

		await partner.goto(`${server.url}/borgere/${citizenId}/plan/udskrift`);
		const theirs = await partner.locator('article').innerText();
		expect(theirs).toContain('Kontanthjælp afklares med ydelseskontoret.');
		expect(theirs).not.toContain('Hvem må se min plan?');
		expect(theirs).toMatch(/\d+ dele af planen er ikke delt med din organisation/);
		await partner.goto(planUrl());
	});

	it('shows the team leader the plan read-only: typing changes nothing', async () => {
		const leader = await openPage(browser);
		await logIn(leader, server.url, LEADER, DEMO_PASSWORD);
		await leader.goto(planUrl());
		const text = situation(leader, 'Uddannelse og beskæftigelse');
		await expect.poll(() => text.textContent(), { timeout: 15_000 }).toContain('genbrugsbutikken');
		expect(await text.getAttribute('aria-readonly')).toBe('true');
		expect(await text.getAttribute('contenteditable')).toBe('false');
		expect(await leader.getByText('Du kan læse planen, men ikke ændre den.').isVisible()).toBe(
			true
		);
		expect(await leader.getByRole('button', { name: 'Tilføj mål' }).count()).toBe(0);

		const before = await text.textContent();
		await text.click();
		await leader.keyboard.type('Teamlederen skriver');
		const goal = section(leader, 'Uddannelse og beskæftigelse').getByLabel(newGoal, {
			exact: true
		});
		await goal.click();
		await leader.keyboard.type('!');
		expect(await text.textContent()).toBe(before);
		expect(await goal.inputValue()).toBe('Praktikplads inden sommer');
		await expect.poll(() => saveState(leader).textContent(), { timeout: 10_000 }).toContain('Gemt');
		await expectAccessible(leader);
		await leader.close();
	});

	it('adds and removes people in the network and the outreach agreement, from the keyboard', async () => {
		await caseManager.goto(planUrl());
		const network = section(caseManager, 'Netværk');
		// Counted once the section has loaded (its add button shows then).
		await network.getByRole('button', { name: 'Tilføj person' }).waitFor();
		const people = await network.getByRole('group', { name: /^Person \d+$/ }).count();
		await network.getByRole('button', { name: 'Tilføj person' }).click();
		// Focus goes to the new person's name, so typing goes on without reaching for the mouse.
		await caseManager.keyboard.type('Lise Holm');
		const person = network.getByRole('group', { name: `Person ${people + 1}` });
		await person.getByLabel('Relation').fill('Søster');
		await person.getByLabel('Hvordan inddrages personen?').fill('Med til møderne');

		const outreach = section(caseManager, 'Opsøgende aftale');
		const contacts = outreach.getByRole('group', { name: /^Person \d+$/ });
		await outreach.getByRole('button', { name: 'Tilføj person' }).waitFor();
		const before = await contacts.count();
		await outreach.getByRole('button', { name: 'Tilføj person' }).click();
		await caseManager.keyboard.type('Vicevært Ole');
		const contact = outreach.getByRole('group', { name: `Person ${before + 1}` });
		await contact.getByLabel('Telefon').fill('12 34 56 78');
		await expect
			.poll(() => saveState(caseManager).textContent(), { timeout: 10_000 })
			.toContain('Gemt');
		await expectAccessible(caseManager);

		await caseManager.reload();
		const stored = section(caseManager, 'Netværk').getByRole('group', {
			name: `Person ${people + 1}`
		});
		await expect
			.poll(() => stored.getByLabel('Navn').inputValue(), { timeout: 15_000 })
			.toBe('Lise Holm');
		expect(await stored.getByLabel('Relation').inputValue()).toBe('Søster');
		const storedContact = section(caseManager, 'Opsøgende aftale').getByRole('group', {
			name: `Person ${before + 1}`
		});
		expect(await storedContact.getByLabel('Telefon').inputValue()).toBe('12 34 56 78');

		await storedContact.getByRole('button', { name: `Fjern person ${before + 1}` }).click();
		await expect
			.poll(() =>
				section(caseManager, 'Opsøgende aftale')
					.getByRole('group', { name: /^Person \d+$/ })
					.count()
			)
			.toBe(before);
		// Focus lands on the add button, not at the top of the page.
		expect(await caseManager.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
			'Tilføj person'
		);
	});

	it('shares a plan’s own section with a partner when the citizen consents to it on the consent page', async () => {
		await caseManager.goto(planUrl());
		await caseManager.getByLabel('Navn på livsområdet').fill('Hunden Bamse');
		await caseManager.getByRole('button', { name: 'Tilføj eget livsområde' }).click();
		await section(caseManager, 'Hunden Bamse').waitFor();
		await partner.goto(planUrl());
		await situation(partner, 'Økonomi').waitFor();
		expect(await section(partner, 'Hunden Bamse').count()).toBe(0);

		await caseManager.goto(`${server.url}/borgere/${citizenId}/samtykke`);
		await caseManager.locator('#organisationId').selectOption({
			label: 'Jobcenter Vesterby (Jobcenter)'
		});
		await caseManager.getByRole('checkbox', { name: /Hunden Bamse/ }).check();
		await caseManager.getByLabel('Formål').fill('Pasning af hunden under praktikforløbet');
		await caseManager.getByRole('button', { name: 'Registrér nyt samtykke' }).click();
		await caseManager.getByText('Samtykket er registreret.').waitFor();
		expect(await caseManager.locator('tbody').innerText()).toContain('Hunden Bamse');
		await expectAccessible(caseManager);

		await partner.goto(planUrl());
		await situation(partner, 'Hunden Bamse').waitFor();
		expect(await partner.getByRole('heading', { name: 'Hunden Bamse' }).isVisible()).toBe(true);
	});
});
