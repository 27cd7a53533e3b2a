// The registry of rankings by name, and the step every selection starts with: rank the
// candidates with the asked-for ranking, or fall back to priority (saying why) when that
// ranking has no data to rank by.
import { validation } from '../errors.js';
import type { DistanceTable, RoutingProblem } from '../routing.js';
import { distanceRanking } from './distance.js';
import { fewestShipmentsRanking } from './fewest-shipments.js';
import { priorityRanking } from './priority.js';
import type { RankedLocation, Ranking } from './ranking.js';
import type { Snapshot } from './snapshot.js';

const RANKINGS: readonly Ranking[] = [priorityRanking, distanceRanking, fewestShipmentsRanking];

/** The names a problem's `algorithm` may take. */
export function rankingNames(): string[] {
  return RANKINGS.map((r) => r.name);
}

export interface Ranked {
  readonly algorithm: string;
  readonly algorithmUsed: string;
  readonly fallbackReason: string | null;
  readonly order: readonly RankedLocation[];
  readonly explanation: readonly string[];
}

/** Ranks the candidates; throws validation('algorithm') for a name nobody registered. */
export function rankCandidates(problem: RoutingProblem, snapshot: Snapshot, distances: DistanceTable | undefined): Ranked {
  const ranking = RANKINGS.find((r) => r.name === problem.algorithm);
  if (ranking === undefined) {
    throw validation('algorithm', `unknown algorithm "${problem.algorithm}"; expected one of ${rankingNames().join(', ')}`);
  }
  const context = { mode: problem.distanceMode, distances };
  const outcome = ranking.rank(snapshot.candidates, context);
  switch (outcome.kind) {
    case 'ranked':
      return { algorithm: ranking.name, algorithmUsed: ranking.name, fallbackReason: outcome.fallbackReason ?? null, order: outcome.order, explanation: outcome.explanation };
    case 'fallback': {
      const fallback = priorityRanking.rank(snapshot.candidates, context);
      if (fallback.kind !== 'ranked') throw new Error('the priority ranking always ranks');
      return {
        algorithm: ranking.name,
        algorithmUsed: priorityRanking.name,
        fallbackReason: outcome.reason,
        order: fallback.order,
        explanation: [`${ranking.name} falls back to priority: ${outcome.reason}`, ...fallback.explanation],
      };
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
