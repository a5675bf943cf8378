import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Answers a websocket upgrade with a plain HTTP status and closes the socket. */
export function rejectUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 500 | 503): void {
	if (socket.destroyed) return;
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
	);
}
