// Ranking `priority` (Magento "Source Priority"): the inventory model's priority, 1 first;
// equal priorities break by location code.
import { describe, listed } from './explain.js';
import type { Ranking } from './ranking.js';
import { byPriorityThenCode, ranked } from './ranking.js';

export const priorityRanking: Ranking = {
  name: 'priority',
  rank(candidates, context) {
    const order = candidates.map((c) => ranked(c, context.distances)).sort(byPriorityThenCode);
    return { kind: 'ranked', order, explanation: [`ranked by priority: ${listed(order, describe)}`] };
  },
};
