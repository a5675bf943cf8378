/**
 * Contacts logged in a stairwell with no signal are kept on the device and sent when the
 * connection returns. Each entry carries its own clientId, so the server stores it exactly once
 * however often it is sent. Entries leave the device as soon as the server has them.
 */
export interface OutboxEntry {
	citizenId: string;
	body: Record<string, string> & { clientId: string };
}

const KEY = 'samplan.journal.outbox';

function read(): OutboxEntry[] {
	try {
		return JSON.parse(localStorage.getItem(KEY) ?? '[]') as OutboxEntry[];
	} catch {
		return [];
	}
}

function write(entries: OutboxEntry[]): void {
	localStorage.setItem(KEY, JSON.stringify(entries));
}

export function enqueue(entry: OutboxEntry): void {
	write([...read().filter((e) => e.body.clientId !== entry.body.clientId), entry]);
}

export function pendingCount(citizenId?: string): number {
	return read().filter((e) => !citizenId || e.citizenId === citizenId).length;
}

export type FlushResult = { sent: number; failed: { entry: OutboxEntry; error: string }[] };

/**
 * Sends every queued entry. A network failure or a server error keeps the entry for the next
 * try; a refusal (400/404/409) removes it and is reported, since sending it again cannot help.
 */
export async function flush(send: typeof fetch = fetch): Promise<FlushResult> {
	const result: FlushResult = { sent: 0, failed: [] };
	for (const entry of read()) {
		let response: Response;
		try {
			response = await send(`/api/borgere/${entry.citizenId}/kontakter`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(entry.body)
			});
		} catch {
			break;
		}
		if (response.status >= 500 || response.status === 401) break;
		write(read().filter((e) => e.body.clientId !== entry.body.clientId));
		if (response.ok) result.sent++;
		else {
			const { error } = (await response.json().catch(() => ({ error: 'conflict' }))) as {
				error: string;
			};
			result.failed.push({ entry, error });
		}
	}
	return result;
}
