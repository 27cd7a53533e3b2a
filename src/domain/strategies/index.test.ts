import { describe, expect, it } from 'vitest';
import { DomainFailure } from '../errors.js';
import { STRATEGY_NAMES } from '../routing.js';
import { rankingNames } from '../selection/index.js';
import { aLine, aProblem, aStock, euLocations } from '../test-support/builders.js';
import { planOrder, strategyNames } from './index.js';

function failureOf(run: () => unknown): DomainFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainFailure) return error;
    throw error;
  }
  throw new Error('expected a DomainFailure');
}

describe('strategy registry', () => {
  it('registers the five inventory-model strategies and the three rankings', () => {
    expect(strategyNames()).toEqual([...STRATEGY_NAMES]);
    expect(rankingNames()).toEqual(['priority', 'distance', 'fewest_shipments']);
  });

  it('refuses an unknown strategy or none, naming the field', () => {
    const problem = aProblem({ locations: euLocations(1), lines: [aLine('l1', 'A', 1)] });
    expect(failureOf(() => planOrder({ ...problem, strategy: 'fastest' })).error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'strategy' });
    expect(failureOf(() => planOrder({ ...problem, strategy: null })).error.message).toMatch(/a plan needs a strategy; expected one of no_split/);
  });

  it('refuses an unknown algorithm, naming the field', () => {
    const problem = aProblem({ strategy: 'no_split', algorithm: 'cheapest', locations: euLocations(1), lines: [aLine('l1', 'A', 1)] });
    expect(failureOf(() => planOrder(problem)).error).toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'algorithm',
      message: 'unknown algorithm "cheapest"; expected one of priority, distance, fewest_shipments',
    });
  });

  it('explains a plan from the skipped locations through the ranking to the fill', () => {
    const locations = euLocations(4).map((l) => (l.code === 'eu-2' ? { ...l, enabled: false } : l));
    const plan = planOrder(
      aProblem({ strategy: 'split_shipments', stockLocationsCutoff: 2, locations, stock: [aStock('eu-1', 'A', 1), aStock('eu-3', 'A', 1)], lines: [aLine('l1', 'A', 2)] }),
    );
    expect(plan.explanation).toEqual([
      'eu-2 skipped: disabled',
      'eu-4 skipped: beyond stock_locations_cutoff 2',
      'ranked by priority: eu-1 (priority 1), eu-3 (priority 3)',
      'the primary eu-1 lacks some SKUs: filling over the candidates in priority order',
      'eu-1 (priority 1) gives 1 of 2 A',
      'eu-3 (priority 3) gives 1 of 2 A',
    ]);
    expect(plan.selection.explanation).toEqual(plan.explanation);
  });
});
