/** Why a cover or absence change was refused; the page shows the Danish text for the code. */
export type CoverErrorCode =
	| 'forbidden'
	| 'input'
	| 'not_found'
	| 'overlap'
	| 'ends_in_past'
	| 'already_started'
	| 'already_ended'
	| 'not_case_manager'
	| 'other_team'
	| 'cover_absent'
	| 'own_citizen'
	| 'not_open';

export class CoverError extends Error {
	constructor(readonly code: CoverErrorCode) {
		super(code);
	}
}
