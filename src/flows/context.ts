// What every flow receives: the database, the clock (time is an input, so tests can move
// it) and the distance provider used by distance ranking. Flows are plain async functions
// `(ctx, input) => result`, one transaction each.
import type { DistanceProvider } from '../domain/distance/provider.js';
import type { Db } from '../store/db.js';

export interface FlowContext {
  readonly db: Db;
  readonly now: () => Date;
  /** Measures destination → locations for `distance` ranking; great-circle when absent. */
  readonly distance?: DistanceProvider;
}

export function flowContext(db: Db, options: { now?: () => Date; distance?: DistanceProvider } = {}): FlowContext {
  return { db, now: options.now ?? (() => new Date()), ...(options.distance ? { distance: options.distance } : {}) };
}
