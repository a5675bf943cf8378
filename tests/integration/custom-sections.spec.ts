import { describe, expect, it } from 'vitest';
import { ConsentError, consentInput, recordConsent } from '../../src/lib/server/consent/manage';
import type { SectionKey } from '../../src/lib/plan/sections';
import { readPlanPage } from '../../src/lib/server/plan/access';
import { addCustomSection, CustomSectionError } from '../../src/lib/server/plan/custom-sections';
import { actorOf } from '../helpers/factories';
import { connectYjs, upgradeStatus } from '../helpers/yjs-client';
import { useRealtimeContext } from './realtime-context';
import { outcomeOf } from '../helpers/errors';

const ctx = useRealtimeContext();

describe('a plan’s own life dimension', () => {
	it('is added by the case manager, named on the plan page and editable live, and hidden from partners without consent', async () => {
		const citizenId = ctx.citizen.id;
		const section = await addCustomSection(
			ctx.db,
			actorOf(ctx.users.caseManager),
			citizenId,
			'Husdyr'
		);
		const page = await readPlanPage(ctx.db, actorOf(ctx.users.caseManager), citizenId);
		expect(page!.sections.at(-1)).toEqual({ key: section, canWrite: true, title: 'Husdyr' });
		const leaderPage = await readPlanPage(ctx.db, actorOf(ctx.users.leader), citizenId);
		expect(leaderPage!.sections.at(-1)).toMatchObject({ key: section, canWrite: false });
		const partnerPage = await readPlanPage(ctx.db, actorOf(ctx.users.jobcenterPartner), citizenId);
		expect(partnerPage!.sections.map((s) => s.key)).not.toContain(section);

		const url = `${ctx.yjsUrl}/plan/${citizenId}/${section}`;
		const own = connectYjs(ctx.yjsUrl, `plan/${citizenId}/${section}`, ctx.cookies.caseManager);
		await own.synced();
		expect(await upgradeStatus(url, { cookie: ctx.cookies.jobcenterPartner })).toBe(403);
		// A section nobody added cannot be opened by guessing a name.
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/plan/${citizenId}/custom:made-up`, {
				cookie: ctx.cookies.caseManager
			})
		).toBe(404);
		own.destroy();

		const refused = (title: string, user = ctx.users.caseManager) =>
			outcomeOf(CustomSectionError)(addCustomSection(ctx.db, actorOf(user), citizenId, title));
		expect(await refused('x')).toBe('input');
		expect(await refused('Musik', ctx.users.jobcenterPartner)).toBe('forbidden');
		expect(await refused('Musik', ctx.users.leader)).toBe('forbidden');
	});
});

describe('sharing a plan’s own section', () => {
	it('a partner sees and opens it, by its name, once the citizen’s consent names it; other sections stay closed', async () => {
		const citizenId = ctx.citizen.id;
		const caseManager = actorOf(ctx.users.caseManager);
		const section = await addCustomSection(ctx.db, caseManager, citizenId, 'Hund og dyrlæge');
		const url = `${ctx.yjsUrl}/plan/${citizenId}/${section}`;
		expect(await upgradeStatus(url, { cookie: ctx.cookies.jobcenterPartner })).toBe(403);

		await recordConsent(ctx.db, caseManager, citizenId, {
			organisationId: ctx.users.jobcenterPartner.organisationId!,
			sections: [section],
			purpose: 'Hjælp til at finde pasning af hunden under praktik',
			givenOn: '2026-11-01'
		});
		const partnerPage = await readPlanPage(ctx.db, actorOf(ctx.users.jobcenterPartner), citizenId);
		expect(partnerPage!.sections).toContainEqual({
			key: section,
			canWrite: true,
			title: 'Hund og dyrlæge'
		});
		const partner = connectYjs(
			ctx.yjsUrl,
			`plan/${citizenId}/${section}`,
			ctx.cookies.jobcenterPartner
		);
		await partner.synced();
		partner.destroy();
		// Another own section of the same plan is not shared by that consent.
		const other = await addCustomSection(ctx.db, caseManager, citizenId, 'Gæld til udlejer');
		expect(
			await upgradeStatus(`${ctx.yjsUrl}/plan/${citizenId}/${other}`, {
				cookie: ctx.cookies.jobcenterPartner
			})
		).toBe(403);
	});

	it('a consent cannot name an own section the plan does not have, or another citizen’s', async () => {
		const caseManager = actorOf(ctx.users.caseManager);
		const otherCitizen = await ctx.make.citizen(ctx.teams.team.id, ctx.users.caseManager.id, 'Bo');
		const othersSection = await addCustomSection(ctx.db, caseManager, otherCitizen.id, 'Musik');
		const consentTo = (sections: SectionKey[]) =>
			outcomeOf(ConsentError)(
				recordConsent(ctx.db, caseManager, ctx.citizen.id, {
					organisationId: ctx.users.jobcenterPartner.organisationId!,
					sections,
					purpose: 'Afklaring',
					givenOn: '2026-11-01'
				})
			);
		expect(await consentTo([othersSection])).toBe('input');
		expect(await consentTo(['economy', 'custom:madeup'])).toBe('input');
		// The form's own validation refuses what is not a section key at all.
		const parsed = consentInput.safeParse({
			organisationId: ctx.users.jobcenterPartner.organisationId!,
			sections: ['economy', 'custom:Not A Key'],
			purpose: 'Afklaring',
			givenOn: '2026-11-01'
		});
		expect(parsed.success).toBe(false);
	});
});
