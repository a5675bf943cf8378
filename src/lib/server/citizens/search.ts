import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { recordAudit, recordAuditMany } from '../audit';
import type { Database } from '../db/client';
import { citizens } from '../db/schema';
import { authorizeMany, type Actor } from '../policy';
import { storableText } from '../db/storable-text';

export const QUERY_MIN = 2;
export const QUERY_MAX = 100;
/** Candidates looked at per search; more than this and the searcher is asked to be more precise. */
export const CANDIDATE_LIMIT = 200;

export class SearchError extends Error {
	constructor(readonly code: 'too_short' | 'too_long') {
		super(code);
	}
}

export interface FoundCitizen {
	id: string;
	name: string;
	/**
	 * Where the result leads: the citizen page for staff, the plan for a partner (whose consent
	 * opens plan sections, never the citizen page).
	 */
	opens: 'citizen' | 'plan';
}

export interface SearchResult {
	query: string;
	citizens: FoundCitizen[];
	/** More citizens matched than were looked at: the query should be more precise. */
	truncated: boolean;
}

/**
 * The query as searched: storable, trimmed, single spaces, NFC (so "å" typed either way is the
 * same).
 */
export function normaliseQuery(raw: string): string {
	const query = storableText(raw).normalize('NFC').trim().replace(/\s+/g, ' ');
	if (query.length < QUERY_MIN) throw new SearchError('too_short');
	if (query.length > QUERY_MAX) throw new SearchError('too_long');
	return query;
}

/*
 * Case-insensitive on both sides. ÆØÅ are folded explicitly because lower() leaves non-ASCII
 * letters alone on a database created with the C locale; strpos avoids LIKE's wildcards.
 */
const foldedName = sql`lower(translate(${citizens.firstName} || ' ' || ${citizens.lastName}, 'ÆØÅÉÖÄÜ', 'æøåéöäü'))`;
const fold = (term: string) => term.toLocaleLowerCase('da-DK');

/**
 * Finds citizens by name: every word of the query must occur somewhere in the full name. Only the
 * actor's municipality is searched, and only citizens whose identity the policy lets this actor
 * read are returned (an administrator's search finds no one). The search itself is audit-logged
 * with its criteria and result count, and each citizen shown as an identity read.
 */
export async function searchCitizens(
	db: Database,
	actor: Actor,
	rawQuery: string,
	now: Date = new Date()
): Promise<SearchResult> {
	const query = normaliseQuery(rawQuery);
	const terms: SQL[] = query
		.split(' ')
		.map((term) => sql`strpos(${foldedName}, ${fold(term)}) > 0`);
	const candidates = await db
		.select({ id: citizens.id, firstName: citizens.firstName, lastName: citizens.lastName })
		.from(citizens)
		.where(and(eq(citizens.municipalityId, actor.municipalityId), ...terms))
		.orderBy(asc(citizens.lastName), asc(citizens.firstName), asc(citizens.id))
		.limit(CANDIDATE_LIMIT + 1);
	const truncated = candidates.length > CANDIDATE_LIMIT;
	const looked = candidates.slice(0, CANDIDATE_LIMIT);

	const decisions = await authorizeMany(
		db,
		actor,
		'citizen.identity.read',
		looked.map((c) => c.id),
		now
	);
	const shown = looked.filter((c) => decisions.get(c.id)?.allowed);

	await recordAudit(db, {
		actor,
		action: 'citizen.search',
		resource: 'citizen-search',
		channel: 'page',
		purpose: 'citizen search',
		details: { query, results: shown.length, truncated },
		at: now
	});
	await recordAuditMany(
		db,
		shown.map((c) => ({
			actor,
			citizenId: c.id,
			action: 'citizen.identity.read',
			resource: 'citizen-search',
			channel: 'page' as const,
			decision: decisions.get(c.id),
			purpose: 'citizen search',
			at: now
		}))
	);

	return {
		query,
		citizens: shown.map((c) => ({
			id: c.id,
			name: `${c.firstName} ${c.lastName}`,
			opens: decisions.get(c.id)?.grant?.kind === 'consent' ? 'plan' : 'citizen'
		})),
		truncated
	};
}
