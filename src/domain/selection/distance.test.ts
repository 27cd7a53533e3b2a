import { describe, expect, it } from 'vitest';
import { greatCircleTable } from '../distance/great-circle.js';
import type { DistanceTable } from '../routing.js';
import { aDestination, aLine, aLocation, aProblem, aStock } from '../test-support/builders.js';
import { deductions, lineOf } from '../test-support/outcome.js';
import { contractSuite } from './contract.case.js';
import { selectSources } from './index.js';

contractSuite({ strategy: null, algorithm: 'distance' });

// Paris (priority 1), Berlin (2), Munich (3), and a location nobody can place (4); the order
// ships to Munich.
const problem = aProblem({
  algorithm: 'distance',
  locations: [
    aLocation({ code: 'paris', priority: 1, lat: 48.8566, lng: 2.3522 }),
    aLocation({ code: 'berlin', priority: 2, lat: 52.52, lng: 13.405 }),
    aLocation({ code: 'munich', priority: 3, lat: 48.1351, lng: 11.582 }),
    aLocation({ code: 'nowhere', priority: 4 }),
  ],
  stock: [aStock('paris', 'A', 10), aStock('berlin', 'A', 10), aStock('munich', 'A', 3), aStock('nowhere', 'A', 10)],
  lines: [aLine('l1', 'A', 5)],
  destination: aDestination({ lat: 48.1, lng: 11.6 }),
});
const table = greatCircleTable(problem.destination, problem.locations);

describe('ranking distance', () => {
  it('tries the closest location first, unmeasured locations last', () => {
    const selection = selectSources(problem, table);
    const line = lineOf(selection, 'l1');
    expect(line.sources.map((s) => s.location)).toEqual(['munich', 'berlin', 'paris', 'nowhere']);
    expect(deductions(line)).toEqual({ munich: 3, berlin: 2 });
    expect(selection.algorithmUsed).toBe('distance');
    expect(selection.fallbackReason).toBeNull();
    expect(line.sources[0]?.distanceM).toBeGreaterThan(3_000);
    expect(line.sources[0]?.distanceM).toBeLessThan(5_000);
    expect(selection.explanation.some((e) => e.startsWith('ranked by distance (driving, great_circle): munich (priority 3, 4.'))).toBe(true);
    expect(selection.explanation).toContain('not measured, ranked last by priority: nowhere');
  });

  it('sorts by travel time when the provider gave one for every location it measured', () => {
    const entries = new Map([
      ['paris', { distanceM: 100, durationS: 900 }],
      ['berlin', { distanceM: 900, durationS: 100 }],
      ['munich', { distanceM: 50, durationS: 500 }],
    ]);
    const osrm: DistanceTable = { kind: 'measured', provider: 'osrm', entries };
    expect(lineOf(selectSources(problem, osrm), 'l1').sources.map((s) => s.location)).toEqual(['berlin', 'munich', 'paris', 'nowhere']);
  });

  it('breaks equal distances by priority, then code', () => {
    const same = { distanceM: 1_000, durationS: null };
    const tied: DistanceTable = { kind: 'measured', provider: 'test', entries: new Map([['paris', same], ['berlin', same], ['munich', same]]) };
    expect(lineOf(selectSources(problem, tied), 'l1').sources.map((s) => s.location)).toEqual(['paris', 'berlin', 'munich', 'nowhere']);
  });

  it('falls back to priority, saying why, when the provider has no route data for the mode', () => {
    const none: DistanceTable = { kind: 'unavailable', provider: 'osrm', reason: 'NoTable: no route found' };
    const selection = selectSources({ ...problem, distanceMode: 'walking' }, none);
    expect(selection.algorithm).toBe('distance');
    expect(selection.algorithmUsed).toBe('priority');
    expect(selection.fallbackReason).toBe('no route data for mode walking: NoTable: no route found');
    expect(selection.explanation).toContain('distance falls back to priority: no route data for mode walking: NoTable: no route found');
    expect(deductions(lineOf(selection, 'l1'))).toEqual({ paris: 5 });
  });

  it('falls back when nothing was measured or no candidate could be placed', () => {
    expect(selectSources(problem).fallbackReason).toBe('no route data for mode driving: no distances were measured');
    const blank: DistanceTable = { kind: 'measured', provider: 'osrm', entries: new Map([['paris', { distanceM: null, durationS: null }]]) };
    const selection = selectSources(problem, blank);
    expect(selection.algorithmUsed).toBe('priority');
    expect(selection.fallbackReason).toBe('no route data for mode driving: osrm could not place any candidate location');
  });

  it('falls back when the shipping address has no coordinates (great-circle cannot measure)', () => {
    const noWhere = { ...problem, destination: aDestination({ zipCode: '80331' }) };
    const selection = selectSources(noWhere, greatCircleTable(noWhere.destination, noWhere.locations));
    expect(selection.fallbackReason).toBe('no route data for mode driving: the shipping address has no coordinates (lat/lng)');
  });
});
