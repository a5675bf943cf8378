/**
 * How a call ended, for comparing with the domain's error codes: 'ok', the code of the expected
 * error class, or the text of anything else (so an unexpected crash shows in the assertion).
 */
export function outcomeOf(ErrorClass: abstract new (...args: never[]) => { code: string }) {
	return (promise: Promise<unknown>): Promise<string> =>
		promise.then(
			() => 'ok',
			(e: unknown) => (e instanceof ErrorClass ? e.code : String(e))
		);
}
