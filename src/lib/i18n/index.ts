import { da } from './da';

/** Danish is the default and, for now, the only language. */
export const t = da;
export type { Messages } from './da';
