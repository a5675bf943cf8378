import { tick } from 'svelte';

/**
 * Moves focus to an element once Svelte has rendered it: after "Tilføj mål" a keyboard user lands
 * in the new goal's title, and after a removal on the add button, instead of on the page.
 */
export async function focusWhenRendered(id: string): Promise<void> {
	await tick();
	document.getElementById(id)?.focus();
}
