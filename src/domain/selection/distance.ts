// Ranking `distance` (Magento "Distance Priority"): closest to the shipping address first.
// The measure is the travel time when the provider gave one for every location it measured,
// else the distance in metres. Locations the provider could not measure go last, by
// priority; ties break by priority, then code. With no route data at all (no table, an
// 'unavailable' table, or no candidate measured) it cannot rank: the selection falls back to
// priority and reports why.
import { code, describe, listed } from './explain.js';
import type { RankedLocation, Ranking } from './ranking.js';
import { ranked } from './ranking.js';

export const distanceRanking: Ranking = {
  name: 'distance',
  rank(candidates, { mode, distances }) {
    if (distances === undefined) return { kind: 'fallback', reason: `no route data for mode ${mode}: no distances were measured` };
    if (distances.kind === 'unavailable') return { kind: 'fallback', reason: `no route data for mode ${mode}: ${distances.reason}` };
    // Candidates come by priority then code (the Ranking contract), so ties by position are
    // ties by priority, then code.
    const all = candidates.map((c) => ranked(c, distances));
    const measured = all.filter((l) => l.distanceM !== null || l.durationS !== null);
    if (candidates.length > 0 && measured.length === 0) {
      return { kind: 'fallback', reason: `no route data for mode ${mode}: ${distances.provider} could not place any candidate location` };
    }
    const byTime = measured.every((l) => l.durationS !== null);
    const keys = all.map((l) => (byTime ? l.durationS : l.distanceM));
    const placed: number[] = [];
    const unplaced: RankedLocation[] = [];
    keys.forEach((key, i) => (key === null ? unplaced.push(all[i] as RankedLocation) : placed.push(i)));
    const order = [...ascending(placed, keys).map((i) => all[i] as RankedLocation), ...unplaced];
    const basis = `${byTime ? 'travel time' : 'distance'} (${mode}, ${distances.provider})`;
    const explanation = [`ranked by ${basis}: ${listed(order.slice(0, placed.length), describe)}`];
    if (unplaced.length > 0) explanation.push(`not measured, ranked last by priority: ${listed(unplaced, code)}`);
    return { kind: 'ranked', order, explanation };
  },
};

/**
 * `positions` by ascending key (thousandths: millimetres or milliseconds), ties by position.
 * Each key is packed with its position into one safe integer so a native numeric sort does the
 * work — a comparator over hundreds of locations costs more than everything else in the ranking.
 */
function ascending(positions: readonly number[], keys: readonly (number | null)[]): number[] {
  const n = keys.length;
  const packed = new Float64Array(positions.length);
  let fits = true;
  positions.forEach((p, i) => {
    const value = Math.round((keys[p] as number) * 1000) * n + p;
    if (!Number.isSafeInteger(value) || value < 0) fits = false;
    packed[i] = value;
  });
  if (!fits) return [...positions].sort((i, j) => (keys[i] as number) - (keys[j] as number) || i - j);
  const out: number[] = [];
  for (const v of packed.sort()) out.push(v % n);
  return out;
}
