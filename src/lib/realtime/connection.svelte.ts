import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './events';

export type ConnectionStatus = 'connecting' | 'connected' | 'offline';

/** The browser's one socket.io connection, shared by every component that shows live data. */
class RealtimeConnection {
	status = $state<ConnectionStatus>('connecting');
	socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

	start(): void {
		if (this.socket) return;
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			path: '/socket.io',
			withCredentials: true
		});
		socket.on('connect', () => (this.status = 'connected'));
		socket.on('disconnect', () => (this.status = 'offline'));
		socket.on('connect_error', () => (this.status = 'offline'));
		socket.io.on('reconnect_attempt', () => (this.status = 'connecting'));
		this.socket = socket;
	}

	stop(): void {
		this.socket?.disconnect();
		this.socket = null;
		this.status = 'connecting';
	}
}

export const realtime = new RealtimeConnection();
