import { randomUUID } from 'node:crypto';
import { isHttpError } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionKey } from '../../src/lib/plan/sections';
import { auditEvents, contacts, planUpdates } from '../../src/lib/server/db/schema';
import { listMyCitizens } from '../../src/lib/server/caseload/my-citizens';
import { authorize, type CitizenAction, type GrantKind } from '../../src/lib/server/policy';
import { CITIZEN_ACTIONS } from '../../src/lib/server/policy/rules';
import {
	buildWorld,
	revokeConsent,
	type Party,
	type Situation,
	type World
} from '../helpers/matrix';
import { startMatrixContext } from './matrix-context';

/*
 * The authorisation matrix of the issue "Identity and access": every actor situation × every
 * action on a citizen, asked of the real policy over a real database, then the same situations
 * on every channel that asks it. The expected sets below are written from the words, never
 * derived from RULES: a test built from the rule table could not catch a wrong rule.
 */

/**
 * "The primary case manager: full case work" — which includes preparing the citizen's access
 * report (indsigt: who has seen my data), but neither reassigning the citizen nor supervising the
 * audit log; those are the team leader's.
 */
const CASE_WORK: readonly CitizenAction[] = [
	'citizen.identity.read',
	'citizen.facts.read',
	'citizen.facts.write',
	'plan.read',
	'plan.write',
	'journal.read',
	'journal.write',
	'consent.read',
	'consent.manage',
	'audit.report'
];

/** The primary case manager also names the standing cover colleague (buddy) for each citizen. */
const PRIMARY: readonly CitizenAction[] = [...CASE_WORK, 'cover.nominate'];

/**
 * "Team leader: their team's citizens — facts, assignment, plan read-only, journal read, consent
 * read, audit read", and the citizen's access report.
 */
const TEAM_LEADER: readonly CitizenAction[] = [
	'citizen.identity.read',
	'citizen.facts.read',
	'citizen.facts.write',
	'citizen.assign',
	'plan.read',
	'journal.read',
	'consent.read',
	'audit.read',
	'audit.report',
	'cover.nominate'
];

/** "Partner: identity, plan read and plan write, only for sections named in their consent." */
const CONSENTED_SECTION: readonly CitizenAction[] = [
	'citizen.identity.read',
	'plan.read',
	'plan.write'
];

/** A partner with a consent, asking about a section it does not name: who, but nothing of it. */
const IDENTITY_ONLY: readonly CitizenAction[] = ['citizen.identity.read'];

/** "Everyone else nothing; admin nothing." */
const NOTHING: readonly CitizenAction[] = [];

interface Scenario {
	name: string;
	situation: Situation;
	/** The plan section the actor asks for; undefined asks about the plan as a whole. */
	section: SectionKey | undefined;
	allowed: readonly CitizenAction[];
	grant: GrantKind | null;
}

const CONSENTED: SectionKey = 'education_employment';
const SENSITIVE: SectionKey = 'mental_health';
const partner = (consent: Extract<Situation, { role: 'partner' }>['consent']): Situation => ({
	role: 'partner',
	consent,
	sections: [CONSENTED]
});

const SCENARIOS: readonly Scenario[] = [
	{
		name: 'primary case manager',
		situation: { role: 'primary' },
		section: SENSITIVE,
		allowed: PRIMARY,
		grant: 'primary'
	},
	{
		name: 'former primary case manager (assignment ended)',
		situation: { role: 'former_primary' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'colleague in the same team without relation',
		situation: { role: 'colleague' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'cover colleague before the window',
		situation: { role: 'cover', window: 'before' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'cover colleague at the start of the window',
		situation: { role: 'cover', window: 'at_start' },
		section: SENSITIVE,
		allowed: CASE_WORK,
		grant: 'cover'
	},
	{
		name: 'cover colleague inside the window',
		situation: { role: 'cover', window: 'inside' },
		section: SENSITIVE,
		allowed: CASE_WORK,
		grant: 'cover'
	},
	{
		name: 'cover colleague at the end of the window (exclusive)',
		situation: { role: 'cover', window: 'at_end' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'cover colleague after the window',
		situation: { role: 'cover', window: 'after' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'cover colleague for open-ended sick leave',
		situation: { role: 'cover', window: 'open_ended' },
		section: SENSITIVE,
		allowed: CASE_WORK,
		grant: 'cover'
	},
	{
		name: 'cover colleague whose grant is only proposed',
		situation: { role: 'cover', window: 'inside', status: 'proposed' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'cover colleague whose grant is revoked',
		situation: { role: 'cover', window: 'inside', status: 'revoked' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: "team leader of the citizen's team",
		situation: { role: 'team_leader', team: 'own' },
		section: SENSITIVE,
		allowed: TEAM_LEADER,
		grant: 'team_leader'
	},
	{
		name: 'team leader of another team',
		situation: { role: 'team_leader', team: 'other' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'partner with consent, asking for the consented section',
		situation: partner('valid'),
		section: CONSENTED,
		allowed: CONSENTED_SECTION,
		grant: 'consent'
	},
	{
		name: 'partner with consent, asking for another section',
		situation: partner('valid'),
		section: SENSITIVE,
		allowed: IDENTITY_ONLY,
		grant: 'consent'
	},
	{
		name: 'partner with consent, asking for the plan as a whole',
		situation: partner('valid'),
		section: undefined,
		allowed: IDENTITY_ONLY,
		grant: 'consent'
	},
	{
		name: 'partner of another organisation',
		situation: partner('none'),
		section: CONSENTED,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'partner whose consent expired',
		situation: partner('expired'),
		section: CONSENTED,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'partner whose consent expires at this very moment (exclusive)',
		situation: partner('expires_at_clock'),
		section: CONSENTED,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'partner whose consent is revoked',
		situation: partner('revoked'),
		section: CONSENTED,
		allowed: NOTHING,
		grant: null
	},
	{
		name: 'administrator',
		situation: { role: 'admin' },
		section: SENSITIVE,
		allowed: NOTHING,
		grant: null
	}
];

/** Grants that name their row: the cover grant or the consent that allowed the access. */
const GRANT_WITH_ROW: readonly GrantKind[] = ['cover', 'consent'];

/** Monday morning, 08:00 in Copenhagen: the fixed clock the policy matrix is asked at. */
const CLOCK = new Date('2026-03-02T07:00:00.000Z');

let ctx: Awaited<ReturnType<typeof startMatrixContext>>;
let atClock: World;
let atNow: World;
const partiesAtClock = new Map<Scenario, Party>();
const partiesAtNow = new Map<Scenario, Party & { cookie: string }>();

beforeAll(async () => {
	ctx = await startMatrixContext();
	atClock = await buildWorld(ctx.db, CLOCK);
	// Channels decide at the real "now". Windows there keep an hour from it on either side; the
	// boundary cases sit on the moment the world was built, which "now" has passed by the time a
	// channel asks: a window starting then is open, one ending then is closed, as at the clock.
	atNow = await buildWorld(ctx.db, new Date(), 60 * 60_000);
	for (const scenario of SCENARIOS) {
		partiesAtClock.set(scenario, await atClock.party(scenario.situation));
		const party = await atNow.party(scenario.situation);
		partiesAtNow.set(scenario, { ...party, cookie: await ctx.signIn(party.user.id) });
	}
});

afterAll(async () => {
	await ctx?.close();
});

const verdict = (allowed: boolean) => (allowed ? 'may' : 'may not');
const PER_SECTION: readonly CitizenAction[] = ['plan.read', 'plan.write'];

const POLICY_ROWS = SCENARIOS.flatMap((scenario) =>
	CITIZEN_ACTIONS.map((action) => {
		const allowed = scenario.allowed.includes(action);
		const asked = PER_SECTION.includes(action) ? ` (${scenario.section ?? 'whole plan'})` : '';
		return { label: `${scenario.name} ${verdict(allowed)} ${action}${asked}`, scenario, action };
	})
);

describe('policy matrix at a fixed clock', () => {
	it('covers every action with at least one scenario that may do it', () => {
		const granted = new Set(SCENARIOS.flatMap((s) => s.allowed));
		expect(CITIZEN_ACTIONS.filter((action) => !granted.has(action))).toEqual([]);
	});

	for (const { label, scenario, action } of POLICY_ROWS) {
		it(label, async () => {
			const party = partiesAtClock.get(scenario)!;
			const section = PER_SECTION.includes(action) ? scenario.section : undefined;
			const decision = await authorize(
				ctx.db,
				party.actor,
				action,
				{ citizenId: atClock.citizenId, section },
				CLOCK
			);
			const allowed = scenario.allowed.includes(action);
			expect(decision.allowed).toBe(allowed);
			if (!allowed) {
				expect(decision.grant).toBeNull();
				return;
			}
			const grantId = GRANT_WITH_ROW.includes(scenario.grant!) ? party.grantId : null;
			// Grants that end by themselves say when, so open sockets can be closed at that instant.
			const until = grantId ? { until: party.grantUntil } : {};
			expect(decision.grant).toEqual({ kind: scenario.grant, id: grantId, ...until });
		});
	}
});

async function auditRows(
	actorId: string,
	channel: 'page' | 'action' | 'api' | 'yjs',
	resource: string
) {
	return ctx.db
		.select()
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.actorId, actorId),
				eq(auditEvents.channel, channel),
				eq(auditEvents.resource, resource)
			)
		)
		.orderBy(auditEvents.id);
}

/** A contact as a case manager logs it right after a visit; a fresh clientId on every call. */
function contactForm(party: Party) {
	return {
		clientId: randomUUID(),
		occurredAt: new Date().toISOString(),
		kind: 'visit',
		place: 'street',
		durationMinutes: '30',
		note: `Logget af ${party.user.id}.`
	};
}

/**
 * One attempt to log a contact: stored exactly when the actor may write the journal, and one
 * audit row on the channel that asked, saying so.
 */
async function expectJournalWrite(
	scenario: Scenario,
	party: Party,
	channel: 'action' | 'api',
	clientId: string
) {
	const writes = scenario.allowed.includes('journal.write');
	const stored = await ctx.db
		.select({ citizenId: contacts.citizenId, authorId: contacts.authorId })
		.from(contacts)
		.where(eq(contacts.clientId, clientId));
	expect(stored).toEqual(writes ? [{ citizenId: atNow.citizenId, authorId: party.user.id }] : []);

	const rows = await auditRows(party.user.id, channel, `citizen/${atNow.citizenId}/journal`);
	expect(rows).toHaveLength(1);
	expect(rows[0]).toMatchObject({
		citizenId: atNow.citizenId,
		action: 'journal.write',
		grant: writes ? scenario.grant : 'none',
		grantId: writes && GRANT_WITH_ROW.includes(scenario.grant!) ? party.grantId : null,
		allowed: writes ? 'allow' : 'deny'
	});
}

describe('every channel gives the same answer, and audits it', () => {
	for (const scenario of SCENARIOS) {
		describe(scenario.name, () => {
			const reads = scenario.allowed.includes('citizen.facts.read');
			it(`${reads ? 'opens' : 'gets 404 for'} the citizen page, and the attempt is audited`, async () => {
				const party = partiesAtNow.get(scenario)!;
				const opened = await ctx.openCitizenPage(party.actor, atNow.citizenId).then(
					(data) => ({ data }),
					(error: unknown) => ({ error })
				);
				if (reads) {
					expect(opened).toMatchObject({ data: { citizen: { id: atNow.citizenId } } });
				} else {
					expect('error' in opened && isHttpError(opened.error, 404)).toBe(true);
				}
				const rows = await auditRows(party.user.id, 'page', `citizen/${atNow.citizenId}`);
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({
					citizenId: atNow.citizenId,
					action: 'citizen.facts.read',
					grant: reads ? scenario.grant : 'none',
					grantId: reads && GRANT_WITH_ROW.includes(scenario.grant!) ? party.grantId : null,
					allowed: reads ? 'allow' : 'deny'
				});
			});

			// Without JavaScript the form's action runs first, then the journal page answers: it
			// shows a refusal to those who may read the journal, and does not exist for the rest.
			const writesJournal = scenario.allowed.includes('journal.write');
			const readsJournal = scenario.allowed.includes('journal.read');
			const formOutcome = writesJournal
				? 'logs a contact through'
				: readsJournal
					? 'is refused (403) by'
					: 'gets 404 from';
			it(`${formOutcome} the journal page's form, and the attempt is audited`, async () => {
				const party = partiesAtNow.get(scenario)!;
				const form = contactForm(party);
				const { status } = await ctx.postJournalForm(party.cookie, atNow.citizenId, form);
				expect(status).toBe(writesJournal ? 200 : readsJournal ? 403 : 404);
				await expectJournalWrite(scenario, party, 'action', form.clientId);
			});

			const apiOutcome = writesJournal ? 'logs a contact through' : 'gets 404 from';
			it(`${apiOutcome} the contacts API, and the attempt is audited`, async () => {
				const party = partiesAtNow.get(scenario)!;
				const contact = { ...contactForm(party), durationMinutes: 30 };
				const { status, body } = await ctx.postContact(party.cookie, atNow.citizenId, contact);
				expect(status).toBe(writesJournal ? 201 : 404);
				expect(body).toMatchObject(writesJournal ? { created: true } : { error: 'forbidden' });
				await expectJournalWrite(scenario, party, 'api', contact.clientId);
			});

			const section = scenario.section;
			if (section) {
				const opens = scenario.allowed.includes('plan.read');
				const writes = scenario.allowed.includes('plan.write');
				const outcome = writes ? 'edits' : opens ? 'reads, and cannot change,' : 'is refused';
				it(`${outcome} the ${section} plan document over Yjs, and the attempt is audited`, async () => {
					const party = partiesAtNow.get(scenario)!;
					const documentName = `plan/${atNow.citizenId}/${section}`;
					const { status, connection } = await ctx.openPlanDocument(documentName, party.cookie);
					expect(status).toBe(opens ? 101 : 403);

					const rows = await auditRows(party.user.id, 'yjs', documentName);
					expect(rows).toHaveLength(1);
					expect(rows[0]).toMatchObject({
						resource: documentName,
						action: writes ? 'plan.write' : 'plan.read',
						grant: opens ? scenario.grant : 'none',
						allowed: opens ? 'allow' : 'deny'
					});
					if (opens) expect(rows[0]!.citizenId).toBe(atNow.citizenId);
					if (!connection) return;

					const text = `Skrevet af ${party.user.id}. `;
					connection.edit(text);
					expect((await connection.serverText()).includes(text)).toBe(writes);
					connection.close();
					const stored = await ctx.db
						.select({ id: planUpdates.id })
						.from(planUpdates)
						.where(
							and(
								eq(planUpdates.documentName, documentName),
								eq(planUpdates.authorId, party.user.id)
							)
						);
					expect(stored.length > 0).toBe(writes);
				});
			}

			// "Mine borgere": the citizens I am case manager for, and those I cover right now.
			const listed = scenario.grant === 'primary' || scenario.grant === 'cover';
			it(`${listed ? 'sees' : 'does not see'} the citizen on their start page list`, async () => {
				const party = partiesAtNow.get(scenario)!;
				const { citizens } = await listMyCitizens(ctx.db, party.actor);
				const mine = citizens.filter((c) => c.id === atNow.citizenId);
				expect(mine.map((c) => c.via)).toEqual(listed ? [scenario.grant] : []);
				const rows = await auditRows(party.user.id, 'page', 'my-citizens');
				expect(rows.map((r) => [r.citizenId, r.grant, r.allowed])).toEqual(
					listed ? [[atNow.citizenId, scenario.grant, 'allow']] : []
				);
			});

			const watches =
				scenario.situation.role === 'team_leader' && scenario.situation.team === 'own';
			it(`${watches ? 'may' : 'may not'} watch the citizen's team live over socket.io`, async () => {
				const party = partiesAtNow.get(scenario)!;
				const answer = await ctx.watchTeam(party.cookie, atNow.teamId);
				expect(answer).toEqual(watches ? { ok: true } : { ok: false, error: 'forbidden' });
			});
		});
	}
});

describe('consent withdrawn between two meetings', () => {
	it('a partner whose consent is revoked while they are away is refused on reconnect', async () => {
		const party = await atNow.party(partner('valid'));
		const cookie = await ctx.signIn(party.user.id);
		const documentName = `plan/${atNow.citizenId}/${CONSENTED}`;

		const first = await ctx.openPlanDocument(documentName, cookie);
		expect(first.status).toBe(101);
		first.connection!.close();

		await revokeConsent(ctx.db, party.grantId!, atNow.primary.user.id);
		const again = await ctx.openPlanDocument(documentName, cookie);
		expect(again.status).toBe(403);

		const rows = await auditRows(party.user.id, 'yjs', documentName);
		expect(rows.map((r) => [r.allowed, r.grant])).toEqual([
			['allow', 'consent'],
			['deny', 'none']
		]);
	});
});
