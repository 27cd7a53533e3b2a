// Ranking `distance` (Magento "Distance Priority"): closest to the shipping address first.
// The measure is the travel time when the provider gave one for every location it measured,
// else the distance in metres. Locations the provider could not measure go last, by
// priority; ties break by priority, then code. With no route data at all (no table, an
// 'unavailable' table, or no candidate measured) it cannot rank: the selection falls back to
// priority and reports why.
import { code, describe, listed } from './explain.js';
import type { RankedLocation, Ranking } from './ranking.js';
import { byPriorityThenCode, ranked } from './ranking.js';

export const distanceRanking: Ranking = {
  name: 'distance',
  rank(candidates, { mode, distances }) {
    if (distances === undefined) return { kind: 'fallback', reason: `no route data for mode ${mode}: no distances were measured` };
    if (distances.kind === 'unavailable') return { kind: 'fallback', reason: `no route data for mode ${mode}: ${distances.reason}` };
    const all = candidates.map((c) => ranked(c, distances));
    const measured = all.filter((l) => l.distanceM !== null || l.durationS !== null);
    if (candidates.length > 0 && measured.length === 0) {
      return { kind: 'fallback', reason: `no route data for mode ${mode}: ${distances.provider} could not place any candidate location` };
    }
    const byTime = measured.every((l) => l.durationS !== null);
    const measure = (l: RankedLocation): number | null => (byTime ? l.durationS : l.distanceM);
    const placed = all.filter((l) => measure(l) !== null);
    const unplaced = all.filter((l) => measure(l) === null).sort(byPriorityThenCode);
    placed.sort((a, b) => (measure(a) as number) - (measure(b) as number) || byPriorityThenCode(a, b));
    const basis = `${byTime ? 'travel time' : 'distance'} (${mode}, ${distances.provider})`;
    const explanation = [`ranked by ${basis}: ${listed(placed, describe)}`];
    if (unplaced.length > 0) explanation.push(`not measured, ranked last by priority: ${listed(unplaced, code)}`);
    return { kind: 'ranked', order: [...placed, ...unplaced], explanation };
  },
};
