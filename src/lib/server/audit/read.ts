import { auditPurposeLabel } from '../../audit/labels';
import { and, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditEvents, citizens, organisations, users } from '../db/schema';
import type { Actor } from '../policy';
import { authorizeAndAudit } from './authorize';

export class AuditAccessError extends Error {}

async function require(
	db: Database,
	actor: Actor,
	citizenId: string,
	action: 'audit.read' | 'audit.report'
) {
	const decision = await authorizeAndAudit(
		db,
		actor,
		action,
		{ citizenId, name: `citizen/${citizenId}/audit` },
		{
			channel: 'page',
			purpose: action === 'audit.read' ? 'supervision' : 'access report for the citizen'
		}
	);
	if (!decision.allowed) throw new AuditAccessError(decision.reason);
}

async function citizenName(db: Database, citizenId: string): Promise<string> {
	const [row] = await db
		.select({ first: citizens.firstName, last: citizens.lastName })
		.from(citizens)
		.where(eq(citizens.id, citizenId));
	return row ? `${row.first} ${row.last}` : '';
}

/** The team leader's view: every access to the citizen's data, with who and by which grant. */
export async function readCitizenAuditLog(
	db: Database,
	actor: Actor,
	citizenId: string,
	limit = 500
) {
	await require(db, actor, citizenId, 'audit.read');
	const rows = await db
		.select({
			id: auditEvents.id,
			at: auditEvents.at,
			actorName: users.name,
			actorRole: auditEvents.actorRole,
			organisation: organisations.name,
			action: auditEvents.action,
			channel: auditEvents.channel,
			grant: auditEvents.grant,
			allowed: auditEvents.allowed,
			purpose: auditEvents.purpose
		})
		.from(auditEvents)
		.leftJoin(users, eq(users.id, auditEvents.actorId))
		.leftJoin(organisations, eq(organisations.id, auditEvents.actorOrganisationId))
		.where(eq(auditEvents.citizenId, citizenId))
		.orderBy(desc(auditEvents.at), desc(auditEvents.id))
		.limit(limit);
	return { citizenName: await citizenName(db, citizenId), rows };
}

/**
 * "Hvem har set mine oplysninger?": the citizen's right of access (GDPR art. 15) as Datatilsynet
 * reads it after C-579/21 — dates, organisations and purposes, not the names of staff.
 */
export async function citizenAccessReport(
	db: Database,
	actor: Actor,
	citizenId: string,
	since: Date
) {
	await require(db, actor, citizenId, 'audit.report');
	const day = sql<string>`to_char(${auditEvents.at} at time zone 'Europe/Copenhagen', 'YYYY-MM-DD')`;
	const rows = await db
		.select({
			day,
			organisation: organisations.name,
			purpose: auditEvents.purpose,
			count: sql<number>`count(*)`.mapWith(Number)
		})
		.from(auditEvents)
		.leftJoin(organisations, eq(organisations.id, auditEvents.actorOrganisationId))
		.where(
			and(
				eq(auditEvents.citizenId, citizenId),
				eq(auditEvents.allowed, 'allow'),
				isNotNull(auditEvents.actorId),
				gte(auditEvents.at, since)
			)
		)
		.groupBy(day, organisations.name, auditEvents.purpose)
		.orderBy(desc(day), organisations.name);
	return { citizenName: await citizenName(db, citizenId), rows: byDanishPurpose(rows) };
}

/**
 * The report is read by the citizen: two codes with the same Danish purpose ('plan' and 'plan
 * collaboration') are one line, not the same purpose twice on one day.
 */
function byDanishPurpose(
	rows: { day: string; organisation: string | null; purpose: string | null; count: number }[]
) {
	const merged = new Map<
		string,
		{ day: string; organisation: string | null; purpose: string; count: number }
	>();
	for (const row of rows) {
		const purpose = auditPurposeLabel(row.purpose);
		const key = JSON.stringify([row.day, row.organisation, purpose]);
		const line = merged.get(key);
		if (line) line.count += row.count;
		else merged.set(key, { ...row, purpose });
	}
	return [...merged.values()];
}
