import type { Random } from './random';

/** What every builder needs: the one random stream (order matters) and the clock. */
export interface SeedContext {
	rnd: Random;
	now: Date;
	/** Today's calendar day in Copenhagen, at local midnight (see time.ts). */
	today: Date;
}
