// The contract suite every ranking and every strategy passes (like Hono's
// router/common.case.test.ts): `contractSuite({ strategy, algorithm })` registers the same
// tests for one subject; each ranking's and strategy's *.test.ts calls it. Fixed cases read
// as the rules; fast-check then feeds random problems to the same rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greatCircleTable } from '../distance/great-circle.js';
import type { DistanceTable, RoutingProblem } from '../routing.js';
import { planOrder } from '../strategies/index.js';
import { distancesArb, problemArb, shuffledArb } from '../test-support/arbitraries.js';
import { aDestination, aLine, aLocation, aProblem, aSku, aStock } from '../test-support/builders.js';
import type { Routed } from '../test-support/contract-rules.js';
import { violations } from '../test-support/contract-rules.js';
import { deductions, lineOf } from '../test-support/outcome.js';
import { selectSources } from './index.js';

export interface ContractSubject {
  /** null: a plain source selection. */
  readonly strategy: string | null;
  readonly algorithm: string;
}

export function routeWith(subject: ContractSubject): (problem: RoutingProblem, distances?: DistanceTable) => Routed {
  return (problem, distances) => {
    const asked = { ...problem, strategy: subject.strategy, algorithm: subject.algorithm };
    if (subject.strategy === null) return { selection: selectSources(asked, distances), plan: null };
    const plan = planOrder(asked, distances);
    return { selection: plan.selection, plan };
  };
}

/**
 * Five locations (eu-3 disabled, eu-5 beyond the cutoff of 3, eu-2 on hold), SKUs of two
 * categories, a backorderable, a do_not_ship and a do_not_track SKU, and lines that compete
 * for the same stock.
 */
export function contractWorld(): RoutingProblem {
  return aProblem({
    stockLocationsCutoff: 3,
    locations: [
      aLocation({ code: 'eu-1', priority: 1, lat: 48.85, lng: 2.35 }),
      aLocation({ code: 'eu-2', priority: 2, onHold: true, lat: 52.52, lng: 13.4 }),
      aLocation({ code: 'eu-3', priority: 3, enabled: false, lat: 48.14, lng: 11.58 }),
      aLocation({ code: 'eu-4', priority: 3, lat: 45.46, lng: 9.19 }),
      aLocation({ code: 'eu-5', priority: 5, lat: 48.2, lng: 16.37 }),
    ],
    skus: [
      aSku({ code: 'A', shippingCategory: 'standard' }),
      aSku({ code: 'B', shippingCategory: 'cold' }),
      aSku({ code: 'C', shippingCategory: 'standard', allowBackorders: true }),
      aSku({ code: 'D', shippingCategory: 'standard', doNotShip: true }),
      aSku({ code: 'T', shippingCategory: 'cold', doNotTrack: true }),
    ],
    stock: [
      aStock('eu-1', 'A', 5.5),
      aStock('eu-2', 'A', 3, { reserved: 0.5 }),
      aStock('eu-3', 'A', 100),
      aStock('eu-5', 'A', 100),
      aStock('eu-1', 'B', 0.1),
      aStock('eu-4', 'B', 2.2),
      aStock('eu-4', 'C', 50, { status: 'out_of_stock' }),
      aStock('eu-2', 'C', 1),
      aStock('eu-1', 'D', 0.5),
      aStock('eu-2', 'D', 2),
    ],
    lines: [aLine('l1', 'A', 6), aLine('l2', 'A', 2.5), aLine('l3', 'B', 2), aLine('l4', 'C', 3), aLine('l5', 'D', 1), aLine('l6', 'T', 2)],
    destination: aDestination({ lat: 48.1, lng: 11.6 }),
  });
}

export function contractSuite(subject: ContractSubject): void {
  const route = routeWith(subject);
  const rules = { listsEveryHolder: subject.strategy !== 'no_split' };
  const world = contractWorld();
  const distances = greatCircleTable(world.destination, world.locations);
  const name = subject.strategy === null ? `selection by ${subject.algorithm}` : `${subject.strategy} (${subject.algorithm})`;

  describe(`contract: ${name}`, () => {
    it('obeys every rule on a world with competing lines, a cutoff and special SKUs', () => {
      expect(violations(world, route(world, distances), rules)).toEqual([]);
    });

    it('never takes from disabled, beyond-cutoff or out-of-stock locations', () => {
      const { selection } = route(world, distances);
      const used = selection.lines.flatMap((l) => Object.keys(deductions(l)));
      expect(used).not.toContain('eu-3');
      expect(used).not.toContain('eu-5');
      expect(deductions(lineOf(selection, 'l4'))).not.toHaveProperty('eu-4');
    });

    it('never allocates more than available: two lines of A share 5.5 + 2.5', () => {
      const { selection } = route(world, distances);
      const a = [lineOf(selection, 'l1'), lineOf(selection, 'l2')].flatMap((l) => l.sources);
      const at = (code: string) => a.filter((s) => s.location === code).reduce((t, s) => t + s.quantityToDeduct, 0) / 10_000;
      expect(at('eu-1')).toBeLessThanOrEqual(5.5);
      expect(at('eu-2')).toBeLessThanOrEqual(2.5);
    });

    it('allocated + shortfall = requested, exactly, and the shortfall of a backorderable SKU is backordered', () => {
      const { selection } = route(world, distances);
      for (const line of selection.lines.filter((l) => l.sku !== 'T')) {
        expect(line.sources.reduce((t, s) => t + s.quantityToDeduct, 0) + line.shortfall).toBe(line.quantity);
      }
      const c = lineOf(selection, 'l4');
      expect(c.backordered).toBe(c.shortfall);
      expect(selection.shippable).toBe(false);
    });

    it('never allocates do_not_track stock', () => {
      const t = lineOf(route(world, distances).selection, 'l6');
      expect(t.sources).toEqual([]);
      expect(t.shortfall).toBe(0);
    });

    if (subject.strategy !== null) {
      it('ships exactly what it allocates, keeping do_not_ship out of every shipment', () => {
        const { plan } = route(world, distances);
        const shippedSkus = plan?.shipments.flatMap((s) => s.items.map((i) => i.sku)) ?? [];
        expect(shippedSkus).not.toContain('D');
        expect(shippedSkus).toContain('T');
        expect([...new Set(plan?.unshippedItems.map((u) => u.sku))]).toEqual(['D']);
      });
    }

    it('gives the same answer twice, and whatever the order of locations, SKUs and stock rows', () => {
      const reversed = { ...world, locations: [...world.locations].reverse(), skus: [...world.skus].reverse(), stock: [...world.stock].reverse() };
      expect(route(world, distances)).toEqual(route(world, distances));
      expect(route(reversed, distances)).toEqual(route(world, distances));
    });

    it('obeys every rule on random problems', () => {
      const instance = problemArb(subject).chain((problem) => distancesArb(problem).map((table) => ({ problem, table })));
      fc.assert(
        fc.property(instance, ({ problem, table }) => {
          expect(violations(problem, route(problem, table), rules)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });

    it('is deterministic and input-order independent on random problems', () => {
      const instance = problemArb(subject).chain((problem) =>
        fc.record({ problem: fc.constant(problem), table: distancesArb(problem), other: shuffledArb(problem) }),
      );
      fc.assert(
        fc.property(instance, ({ problem, table, other }) => {
          expect(route(other, table)).toEqual(route(problem, table));
        }),
        { numRuns: 150 },
      );
    });
  });
}
