// Source selection (Magento's Source Selection Algorithm): which candidate locations give
// how much of each order line. Rank the candidates (by the problem's `algorithm`), then fill
// every line over that order. Never throws for a shortage: the shortfall is in the result.
import type { DistanceTable, LineSelection, Optimality, RoutingProblem, Selection } from '../routing.js';
import { optimiseLines } from '../optimise/index.js';
import type { SearchBudget } from '../optimise/index.js';
import { FEWEST_SHIPMENTS } from './fewest-shipments.js';
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

/** `budget` bounds a fewest_shipments call (the caller's clock and milliseconds), counted from entry. */
export function selectSources(problem: RoutingProblem, distances?: DistanceTable, budget: SearchBudget = {}): Selection {
  const startedAt = budget.startedAt ?? budget.now?.();
  const snapshot = snapshotOf(problem);
  const ranked = rankCandidates(problem, snapshot, distances);
  const preface = [...snapshot.skipped, ...ranked.explanation];
  if (ranked.algorithm === FEWEST_SHIPMENTS) {
    const allowed = { ...budget, startedAt, ms: budget.ms ?? problem.timeBudgetMs };
    const best = optimiseLines({ snapshot, lines: problem.lines, order: ranked.order, greedyOrder: ranked.order, grouping: { kind: 'by_category' } }, allowed);
    const optimality: Optimality = { status: best.proven ? 'proven' : 'budget_exhausted', shipments: best.count, lowerBound: best.lowerBound };
    return selectionOf(ranked, best.lines, [...preface, ...best.explanation], optimality);
  }
  const filled = fill(snapshot, problem.lines, ranked.order);
  return selectionOf(ranked, filled.lines, [...preface, ...filled.explanation]);
}

/** A Selection from a ranking's outcome and filled lines (shared with the strategies). */
export function selectionOf(ranked: Ranked, lines: readonly LineSelection[], explanation: readonly string[], optimality?: Optimality): Selection {
  return {
    ...(optimality === undefined ? {} : { optimality }),
    algorithm: ranked.algorithm,
    algorithmUsed: ranked.algorithmUsed,
    fallbackReason: ranked.fallbackReason,
    shippable: lines.every((l) => l.shortfall === 0),
    lines,
    explanation,
  };
}
