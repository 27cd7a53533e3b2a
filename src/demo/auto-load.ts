// On a fresh embedded database the server loads the demo by itself, so a newcomer sees a
// working system at once. The server decides `enabled` (false with --no-demo or when
// DATABASE_URL points at a real PostgreSQL); this loads only when there are no stock
// locations yet, and says so in the output.
import type { Db } from '../store/db.js';
import { formatSummary, hasData, loadDemo, type DemoSummary } from './load.js';

export interface AutoLoadOptions {
  readonly enabled: boolean;
  readonly log: (message: string) => void;
  readonly seed?: number;
  readonly orders?: number;
}

export async function maybeLoadDemo(db: Db, options: AutoLoadOptions): Promise<DemoSummary | null> {
  if (!options.enabled || (await hasData(db))) return null;
  options.log('Empty database: loading the demo dataset (start with --no-demo to skip)…');
  const summary = await loadDemo(db, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.orders !== undefined ? { orders: options.orders } : {}) });
  options.log(formatSummary(summary));
  return summary;
}
