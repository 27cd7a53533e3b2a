// The simulator's inputs as plain data: a stock snapshot (locations, SKUs, stock rows and the
// model's cutoff, in the engine's own shapes) and a stream of orders (lines + destination).
import type { Destination, LocationInput, OrderLine, SkuInput, StockInput } from '../domain/routing.js';

export interface Snapshot {
  /** Where the snapshot came from, for the report ("file stock.json", "model EU"). */
  readonly name: string;
  /** How many enabled locations, by priority, are candidates; null = all. */
  readonly stockLocationsCutoff: number | null;
  readonly locations: readonly LocationInput[];
  readonly skus: readonly SkuInput[];
  readonly stock: readonly StockInput[];
}

export interface SimOrder {
  readonly id: string;
  readonly lines: readonly OrderLine[];
  readonly destination: Destination;
  /** When the order was placed (ms since the epoch; simulated time), if the stream has times. */
  readonly placedAt?: number;
}

/** One side of the side-by-side comparison: a strategy with a ranking algorithm. */
export interface Scenario {
  readonly strategy: string;
  readonly algorithm: string;
}

export const scenarioLabel = (s: Scenario): string => `${s.strategy} × ${s.algorithm}`;
