import { invalidateAll } from '$app/navigation';
import { realtime } from './connection.svelte';

/**
 * Reloads the page's data whenever the server announces a change on one of `topics`; with a
 * `teamId`, also joins that team's room (the server asks the policy first). For use in onMount.
 */
export function refreshOn(topics: readonly string[], teamId?: string): () => void {
	realtime.start();
	const socket = realtime.socket!;
	let wasDisconnected = false;
	const onConnect = () => {
		if (teamId) socket.emit('watch-team', { teamId }, () => {});
		// Changes announced while the connection was down were missed: catch up once.
		if (wasDisconnected) void invalidateAll();
		wasDisconnected = false;
	};
	const onDisconnect = () => (wasDisconnected = true);
	const onChanged = (event: { topic: string }) => {
		if (topics.includes(event.topic)) void invalidateAll();
	};
	socket.on('connect', onConnect);
	socket.on('disconnect', onDisconnect);
	socket.on('changed', onChanged);
	if (socket.connected) onConnect();
	return () => {
		socket.off('connect', onConnect);
		socket.off('disconnect', onDisconnect);
		socket.off('changed', onChanged);
	};
}
