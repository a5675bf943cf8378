import { customType } from 'drizzle-orm/pg-core';

/**
 * bytea as Uint8Array on both drivers: PGlite already returns Uint8Array, postgres-js returns a
 * Buffer (a Uint8Array subclass), so the Yjs code never has to care which database it runs on.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType() {
		return 'bytea';
	},
	fromDriver(value) {
		return value instanceof Uint8Array ? value : new Uint8Array(value);
	}
});
