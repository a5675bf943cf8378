import { inArray, sql } from 'drizzle-orm';
import { BatchQueue, queuePerDatabase } from '../db/batch-queue';
import type { Database } from '../db/client';
import { citizens } from '../db/schema';
import type { Actor } from './actor';
import type { AccessFacts } from './rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = {
	id: string;
	startsAt?: string;
	endsAt?: string | null;
	sections?: string[];
	validUntil?: string | null;
};

/**
 * Everything the rules need about one actor and any number of citizens, in a single round trip.
 * Citizens that do not exist, or belong to another municipality, are absent from the map.
 */
export async function loadAccessFacts(
	db: Database,
	actor: Actor,
	citizenIds: readonly string[]
): Promise<Map<string, AccessFacts>> {
	const ids = [...new Set(citizenIds.filter((id) => UUID.test(id)))];
	if (ids.length === 0) return new Map();
	const queue = factsQueue(db);
	return queue ? queue.add({ actor, citizenIds: ids }) : queryAccessFacts(db, actor, ids);
}

type FactsRequest = { actor: Actor; citizenIds: string[] };

/**
 * One queue per database. A plan page opens a socket per section, and after a restart every open
 * page reconnects at once: their checks wait for the query in flight and then share one query per
 * actor, which still starts after each of them arrived (nobody is answered with older facts).
 */
const factsQueue = queuePerDatabase(
	(db) =>
		new BatchQueue<FactsRequest, Map<string, AccessFacts>>(
			async (requests) => {
				const byActor = new Map<string, FactsRequest>();
				for (const { actor, citizenIds } of requests) {
					const key = actorKey(actor);
					const merged = byActor.get(key);
					if (merged) merged.citizenIds.push(...citizenIds);
					else byActor.set(key, { actor, citizenIds: [...citizenIds] });
				}
				const answers = new Map(
					await Promise.all(
						[...byActor].map(
							async ([key, { actor, citizenIds }]) =>
								[key, await queryAccessFacts(db, actor, [...new Set(citizenIds)])] as const
						)
					)
				);
				// Each request gets only its own citizens' facts, in a map of its own.
				return requests.map(({ actor, citizenIds }) => {
					const all = answers.get(actorKey(actor))!;
					return new Map(citizenIds.flatMap((id) => (all.has(id) ? [[id, all.get(id)!]] : [])));
				});
			},
			{ maxBatch: 500 }
		)
);

/** Everything the facts depend on about the actor (covers by user, consents by organisation). */
function actorKey(actor: Actor): string {
	return `${actor.userId} ${actor.organisationId} ${actor.municipalityId}`;
}

async function queryAccessFacts(
	db: Database,
	actor: Actor,
	ids: string[]
): Promise<Map<string, AccessFacts>> {
	const facts = new Map<string, AccessFacts>();
	const rows = await db
		.select({
			citizenId: citizens.id,
			teamId: citizens.teamId,
			municipalityId: citizens.municipalityId,
			primaryCaseManagerId: sql<string | null>`(
				select a.case_manager_id from assignments a
				where a.citizen_id = citizens.id and a.ended_at is null)`,
			covers: sql<Row[]>`coalesce((
				select json_agg(json_build_object('id', g.id, 'startsAt', g.starts_at, 'endsAt', g.ends_at))
				from cover_grants g
				where g.citizen_id = citizens.id and g.cover_user_id = ${actor.userId}
					and g.status = 'confirmed' and g.revoked_at is null), '[]'::json)`,
			consents: sql<Row[]>`coalesce((
				select json_agg(json_build_object('id', k.id, 'sections', k.sections, 'validUntil', k.valid_until))
				from consents k
				where k.citizen_id = citizens.id and k.organisation_id = ${actor.organisationId}
					and k.revoked_at is null), '[]'::json)`
		})
		.from(citizens)
		.where(inArray(citizens.id, ids));
	for (const row of rows) {
		if (row.municipalityId !== actor.municipalityId) continue;
		facts.set(row.citizenId, toFacts(row));
	}
	return facts;
}

function toFacts(row: {
	citizenId: string;
	teamId: string;
	primaryCaseManagerId: string | null;
	covers: Row[] | string;
	consents: Row[] | string;
}): AccessFacts {
	return {
		citizenId: row.citizenId,
		teamId: row.teamId,
		primaryCaseManagerId: row.primaryCaseManagerId,
		covers: parseJson(row.covers).map((c) => ({
			id: c.id,
			startsAt: new Date(c.startsAt!),
			endsAt: c.endsAt ? new Date(c.endsAt) : null
		})),
		consents: parseJson(row.consents).map((c) => ({
			id: c.id,
			sections: c.sections ?? [],
			validUntil: c.validUntil ? new Date(c.validUntil) : null
		}))
	};
}

// postgres-js parses json columns; PGlite does too, but a subquery may arrive as text on either.
function parseJson(value: Row[] | string): Row[] {
	return typeof value === 'string' ? (JSON.parse(value) as Row[]) : value;
}
