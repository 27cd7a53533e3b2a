// What one unit costs from each ranked candidate, for the third criterion of
// fewest_shipments: the travel time (or distance) the provider measured when it measured
// any candidate — a location it could not place costs twice the farthest one plus one, so
// it is used last — else the candidate's rank by priority (1, 2, 3, …).
import type { RankedLocation } from '../selection/ranking.js';

export interface UnitCosts {
  /** Per position in the ranked order. */
  readonly costs: readonly number[];
  readonly basis: 'travel time' | 'distance' | 'priority rank';
}

export function unitCosts(order: readonly RankedLocation[]): UnitCosts {
  const measured = order.filter((l) => l.distanceM !== null || l.durationS !== null);
  if (measured.length === 0) return { costs: order.map((_, i) => i + 1), basis: 'priority rank' };
  const byTime = measured.every((l) => l.durationS !== null);
  const keys = order.map((l) => (byTime ? l.durationS : l.distanceM));
  const worst = keys.reduce<number>((m, k) => (k === null ? m : Math.max(m, k)), 0);
  return { costs: keys.map((k) => k ?? 2 * worst + 1), basis: byTime ? 'travel time' : 'distance' };
}
