/** Why a reassignment was refused; the page shows the Danish text for the code. */
export type CaseloadErrorCode =
	| 'forbidden'
	| 'input'
	| 'not_found'
	| 'over_capacity'
	| 'absent'
	| 'inactive'
	| 'other_team'
	| 'not_case_manager'
	| 'same_case_manager'
	| 'conflict';

export class CaseloadError extends Error {
	constructor(readonly code: CaseloadErrorCode) {
		super(code);
	}
}
