import { createSubscriber } from 'svelte/reactivity';

/** The part of a Yjs type that observing needs: Y.Map, Y.Array, Y.Text all have it. */
interface Observable {
	observe(handler: () => void): void;
	unobserve(handler: () => void): void;
}

/**
 * A value read from a Yjs type that Svelte re-reads whenever the type changes, local or remote.
 * The type is observed only while something on the page reads the value.
 */
export class YValue<T> {
	readonly #read: () => T;
	readonly #subscribe: () => void;

	constructor(type: Observable, read: () => T) {
		this.#read = read;
		this.#subscribe = createSubscriber((update) => {
			type.observe(update);
			return () => type.unobserve(update);
		});
	}

	get current(): T {
		this.#subscribe();
		return this.#read();
	}
}
