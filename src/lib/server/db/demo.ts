import { addDays } from 'date-fns';
import type { Config } from '../config';
import type { Database } from './client';
import { isDatabaseEmpty, listDemoLogins, seedDemo, type DemoLogin } from './seed';

export type { DemoLogin };

/**
 * On an empty database the demo municipality is seeded, so a newcomer sees a working Samplan
 * straight away; DEMO_SEED=off leaves a production database empty.
 */
export async function prepareDemoData(db: Database, config: Config): Promise<DemoLogin[]> {
	if (config.DEMO_SEED === 'off') return [];
	if (await isDatabaseEmpty(db)) {
		return seedDemo(db, { now: addDays(new Date(), config.DEMO_SEED_SHIFT_DAYS) });
	}
	return listDemoLogins(db);
}
