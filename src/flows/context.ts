// What every flow receives: the database and the clock (time is an input, so tests can
// move it). Flows are plain async functions `(ctx, input) => result`, one transaction each.
import type { Db } from '../store/db.js';

export interface FlowContext {
  readonly db: Db;
  readonly now: () => Date;
}

export function flowContext(db: Db, now: () => Date = () => new Date()): FlowContext {
  return { db, now };
}
