// Source selection (Magento's Source Selection Algorithm): which candidate locations give
// how much of each order line. Rank the candidates (by the problem's `algorithm`), then fill
// every line over that order. Never throws for a shortage: the shortfall is in the result.
import type { DistanceTable, LineSelection, RoutingProblem, Selection } from '../routing.js';
import { fill } from './fill.js';
import type { Ranked } from './rankings.js';
import { rankCandidates } from './rankings.js';
import { snapshotOf } from './snapshot.js';

export { rankingNames, rankCandidates } from './rankings.js';
export type { Ranked } from './rankings.js';
export type { RankedLocation, Ranking, RankingContext, RankingOutcome } from './ranking.js';
export { fill } from './fill.js';
export type { Fill } from './fill.js';
export { snapshotOf } from './snapshot.js';
export type { Snapshot } from './snapshot.js';

export function selectSources(problem: RoutingProblem, distances?: DistanceTable): Selection {
  const snapshot = snapshotOf(problem);
  const ranked = rankCandidates(problem, snapshot, distances);
  const filled = fill(snapshot, problem.lines, ranked.order);
  return selectionOf(ranked, filled.lines, [...snapshot.skipped, ...ranked.explanation, ...filled.explanation]);
}

/** A Selection from a ranking's outcome and filled lines (shared with the strategies). */
export function selectionOf(ranked: Ranked, lines: readonly LineSelection[], explanation: readonly string[]): Selection {
  return {
    algorithm: ranked.algorithm,
    algorithmUsed: ranked.algorithmUsed,
    fallbackReason: ranked.fallbackReason,
    shippable: lines.every((l) => l.shortfall === 0),
    lines,
    explanation,
  };
}
