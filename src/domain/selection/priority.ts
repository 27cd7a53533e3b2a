// Ranking `priority` (Magento "Source Priority"): the inventory model's priority, 1 first;
// equal priorities break by location code. Without measured distances the answer depends
// only on the candidates, so it is remembered per candidates array (the snapshot hands out
// the same array for the same locations and cutoff).
import type { LocationInput } from '../routing.js';
import { describe, listed } from './explain.js';
import type { Ranking, RankingContext, RankingOutcome } from './ranking.js';
import { byPriorityThenCode, ranked } from './ranking.js';

export const priorityRanking: Ranking = {
  name: 'priority',
  rank(candidates, context) {
    if (context.distances?.kind === 'measured') return rankByPriority(candidates, context);
    const known = unmeasured.get(candidates) ?? rankByPriority(candidates, context);
    unmeasured.set(candidates, known);
    return known;
  },
};

const unmeasured = new WeakMap<readonly LocationInput[], RankingOutcome>();

function rankByPriority(candidates: readonly LocationInput[], context: RankingContext): RankingOutcome {
  const order = candidates.map((c) => ranked(c, context.distances)).sort(byPriorityThenCode);
  return { kind: 'ranked', order, explanation: [`ranked by priority: ${listed(order, describe)}`] };
}
