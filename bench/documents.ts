import { LIFE_DIMENSIONS, planDocumentName } from '../src/lib/plan/sections';

/**
 * Document names for the load scenarios, the same for both servers: one plan section per
 * citizen, rotating through the life dimensions. The cold-load scenario uses 'action_plan_141',
 * which these never do, so its documents are never warm.
 */
export function loadDocumentNames(count: number, citizenIds: string[]): string[] {
	if (count > citizenIds.length)
		throw new Error(`need ${count} citizens, have ${citizenIds.length}`);
	return Array.from({ length: count }, (_, i) =>
		planDocumentName(citizenIds[i]!, LIFE_DIMENSIONS[i % LIFE_DIMENSIONS.length]!)
	);
}

export function coldDocumentName(citizenId: string): string {
	return planDocumentName(citizenId, 'action_plan_141');
}
