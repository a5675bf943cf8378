import { invalidateAll } from '$app/navigation';
import { realtime } from './connection.svelte';

/**
 * Reloads the page's data whenever the server announces a change on one of `topics`; with a
 * `teamId`, also joins that team's room (the server asks the policy first). For use in onMount.
 */
export function refreshOn(
	topics: readonly string[],
	teamId?: string,
	options: { spreadMs?: number } = {}
): () => void {
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
	let reload: ReturnType<typeof setTimeout> | undefined;
	const onChanged = (event: { topic: string }) => {
		if (!topics.includes(event.topic)) return;
		// Many open screens reloading at the same instant would queue on the server: spread them.
		const delay = options.spreadMs ? Math.random() * options.spreadMs : 0;
		clearTimeout(reload);
		reload = setTimeout(() => void invalidateAll(), delay);
	};
	socket.on('connect', onConnect);
	socket.on('disconnect', onDisconnect);
	socket.on('changed', onChanged);
	if (socket.connected) onConnect();
	return () => {
		clearTimeout(reload);
		socket.off('connect', onConnect);
		socket.off('disconnect', onDisconnect);
		socket.off('changed', onChanged);
	};
}
