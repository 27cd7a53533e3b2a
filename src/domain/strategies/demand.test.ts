import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { covers, qty } from '../quantity.js';
import { snapshotOf } from '../selection/snapshot.js';
import { problemArb } from '../test-support/arbitraries.js';
import { aLine, aProblem, aSku, aStock, euLocations } from '../test-support/builders.js';
import { availableAt, servesAll, trackedDemand } from './demand.js';

describe('demand', () => {
  it('sums the lines of a SKU and leaves do_not_track SKUs out', () => {
    const problem = aProblem({ skus: [aSku({ code: 'T', doNotTrack: true })], lines: [aLine('l1', 'A', 0.1), aLine('l2', 'A', 0.2), aLine('l3', 'T', 5)] });
    expect([...trackedDemand(snapshotOf(problem), problem.lines)]).toEqual([['A', qty(0.3)]]);
  });

  it('servesAll is covers(availableAt(location), demand) for every candidate', () => {
    fc.assert(
      fc.property(problemArb({ strategy: null, algorithm: 'priority' }), (problem) => {
        const snapshot = snapshotOf(problem);
        const demand = trackedDemand(snapshot, problem.lines);
        for (const c of snapshot.candidates) expect(servesAll(snapshot, c.code, demand)).toBe(covers(availableAt(snapshot, c.code, demand), demand));
      }),
      { numRuns: 200 },
    );
  });

  it('reads availability as quantity − reserved, never below 0', () => {
    const problem = aProblem({ locations: euLocations(2), stock: [aStock('eu-1', 'A', 5, { reserved: 1.5 }), aStock('eu-2', 'A', 1, { reserved: 3 })], lines: [aLine('l1', 'A', 1)] });
    const snapshot = snapshotOf(problem);
    expect(snapshot.available('A', 'eu-1')).toBe(qty(3.5));
    expect(snapshot.available('A', 'eu-2')).toBe(0);
  });
});
