import { describe, expect, it } from 'vitest';
import type { DistanceProvider } from '../../domain/distance/provider.js';
import { qty } from '../../domain/quantity.js';
import type { Destination, DistanceMode, LocationInput, RoutingProblem } from '../../domain/routing.js';
import { solve } from './solve.js';

function aLocation(overrides: Partial<LocationInput> = {}): LocationInput {
  return { code: 'near', priority: 1, enabled: true, onHold: false, lat: 48, lng: 11, ...overrides };
}

function aProblem(overrides: Partial<RoutingProblem> = {}): RoutingProblem {
  return {
    strategy: null,
    algorithm: 'distance',
    distanceMode: 'walking',
    stockLocationsCutoff: null,
    locations: [aLocation({ code: 'far', priority: 1 }), aLocation({ code: 'near', priority: 2 }), aLocation({ code: 'off', priority: 3, enabled: false })],
    skus: [],
    stock: ['far', 'near', 'off'].map((location) => ({ location, sku: 'A', quantity: qty(5), reserved: qty(0), status: 'in_stock' as const })),
    lines: [{ id: 'l1', sku: 'A', quantity: qty(1) }],
    destination: { lat: 48.1, lng: 11.6, countryCode: null, zipCode: null },
    ...overrides,
  };
}

/** A provider that records what it was asked and answers with fixed distances. */
function aProvider(answer: 'measured' | 'throws') {
  const calls: { destination: Destination; codes: string[]; mode: DistanceMode }[] = [];
  const provider: DistanceProvider = {
    name: 'fake',
    measure(destination, locations, mode) {
      calls.push({ destination, codes: locations.map((l) => l.code), mode });
      if (answer === 'throws') return Promise.reject(new Error('socket hang up'));
      return Promise.resolve({
        kind: 'measured',
        provider: 'fake',
        entries: new Map([['far', { distanceM: 9_000, durationS: null }], ['near', { distanceM: 1_000, durationS: null }]]),
      });
    },
  };
  return { provider, calls };
}

describe('solve', () => {
  it('measures enabled locations in the problem mode before ranking by distance', async () => {
    const { provider, calls } = aProvider('measured');
    const answer = await solve(aProblem(), provider);
    expect(calls).toEqual([{ destination: aProblem().destination, codes: ['far', 'near'], mode: 'walking' }]);
    expect(answer.kind === 'selection' && answer.selection.lines[0]?.sources.map((s) => [s.location, s.quantityToDeduct])).toEqual([
      ['near', qty(1)],
      ['far', qty(0)],
    ]);
  });

  it('does not call the provider for priority ranking', async () => {
    const { provider, calls } = aProvider('measured');
    const answer = await solve(aProblem({ algorithm: 'priority', strategy: 'split_shipments' }), provider);
    expect(calls).toEqual([]);
    expect(answer.kind === 'plan' && answer.plan.shipments.map((s) => s.location)).toEqual(['far']);
  });

  it('falls back to priority with the reason when the provider throws or there is no address', async () => {
    const thrown = await solve(aProblem(), aProvider('throws').provider);
    expect(thrown.kind === 'selection' && thrown.selection).toMatchObject({
      algorithmUsed: 'priority',
      fallbackReason: expect.stringContaining('fake failed: socket hang up'),
    });
    const { provider, calls } = aProvider('measured');
    const noAddress = await solve(aProblem({ destination: null }), provider);
    expect(calls).toEqual([]);
    expect(noAddress.kind === 'selection' && noAddress.selection.fallbackReason).toContain('the order has no shipping address');
  });
});
