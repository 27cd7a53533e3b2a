import { describe, expect, it } from 'vitest';
import { aDestination, aLocation } from '../test-support/builders.js';
import { greatCircleTable, haversineMetres } from './great-circle.js';

const paris = { lat: 48.8566, lng: 2.3522 };
const berlin = { lat: 52.52, lng: 13.405 };
const london = { lat: 51.5074, lng: -0.1278 };

describe('great-circle distance', () => {
  it('measures known city pairs in metres', () => {
    expect(Math.round(haversineMetres(paris, berlin) / 1000)).toBe(877);
    expect(Math.round(haversineMetres(paris, london) / 1000)).toBe(344);
    expect(haversineMetres(paris, paris)).toBe(0);
    expect(haversineMetres(paris, berlin)).toBeCloseTo(haversineMetres(berlin, paris), 6);
  });

  it('builds a table with no travel times, and null for a location without coordinates', () => {
    const table = greatCircleTable(aDestination(paris), [aLocation({ code: 'b', ...berlin }), aLocation({ code: 'x' })]);
    if (table.kind !== 'measured') throw new Error('expected a measured table');
    expect(table.provider).toBe('great_circle');
    expect(table.entries.get('b')?.distanceM).toBeCloseTo(haversineMetres(paris, berlin), 6);
    expect(table.entries.get('b')?.durationS).toBeNull();
    expect(table.entries.get('x')).toEqual({ distanceM: null, durationS: null });
  });

  it('is unavailable, with the reason, when the destination cannot be placed', () => {
    expect(greatCircleTable(aDestination({ zipCode: '75001' }), [])).toEqual({
      kind: 'unavailable',
      provider: 'great_circle',
      reason: 'the shipping address has no coordinates (lat/lng)',
    });
    expect(greatCircleTable(null, [])).toMatchObject({ kind: 'unavailable', reason: 'the order has no shipping address' });
  });
});
