import { describe, expect, it } from 'vitest';
import { aLine, aLocation, aProblem, aStock, euLocations } from '../test-support/builders.js';
import { deductions, lineOf } from '../test-support/outcome.js';
import { selectSources } from './index.js';
import { snapshotOf } from './snapshot.js';

describe('snapshot', () => {
  it('takes enabled locations by priority then code, cut to stock_locations_cutoff', () => {
    const locations = [aLocation({ code: 'b', priority: 2 }), aLocation({ code: 'a', priority: 2 }), aLocation({ code: 'z', priority: 1, enabled: false }), aLocation({ code: 'c', priority: 3 })];
    const snapshot = snapshotOf(aProblem({ locations, stockLocationsCutoff: 2 }));
    expect(snapshot.candidates.map((c) => c.code)).toEqual(['a', 'b']);
    expect(snapshot.primary?.code).toBe('a');
    expect(snapshot.skipped).toEqual(['z skipped: disabled', 'c skipped: beyond stock_locations_cutoff 2']);
  });

  it('summarises long lists of skipped locations', () => {
    const snapshot = snapshotOf(aProblem({ locations: euLocations(14), stockLocationsCutoff: 2 }));
    expect(snapshot.skipped).toEqual(['eu-3, eu-4, eu-5, eu-6, eu-7, eu-8, eu-9, eu-10, eu-11, eu-12, … and 2 more skipped: beyond stock_locations_cutoff 2']);
  });

  it('answers each problem from its own data when problems share arrays (what it remembers is keyed by them)', () => {
    const locations = euLocations(2);
    const lines = [aLine('l1', 'A', 2)];
    const first = selectSources(aProblem({ locations, lines, stock: [aStock('eu-1', 'A', 5)] }));
    const second = selectSources(aProblem({ locations, lines, stock: [aStock('eu-2', 'A', 5)] }));
    const stock = [aStock('eu-1', 'A', 1), aStock('eu-2', 'A', 5)];
    const cut = selectSources(aProblem({ locations, lines, stock, stockLocationsCutoff: 1 }));
    const reordered = selectSources(aProblem({ locations: [...locations].reverse(), lines, stock }));
    expect(deductions(lineOf(first, 'l1'))).toEqual({ 'eu-1': 2 });
    expect(deductions(lineOf(second, 'l1'))).toEqual({ 'eu-2': 2 });
    expect(deductions(lineOf(cut, 'l1'))).toEqual({ 'eu-1': 1 });
    expect(deductions(lineOf(reordered, 'l1'))).toEqual({ 'eu-1': 1, 'eu-2': 1 });
  });

  it('ignores out-of-stock rows and says so when no candidate holds the SKU', () => {
    const selection = selectSources(aProblem({ locations: euLocations(2), stock: [aStock('eu-2', 'A', 9, { status: 'out_of_stock' })], lines: [aLine('l1', 'A', 1)] }));
    expect(lineOf(selection, 'l1').sources).toEqual([]);
    expect(selection.explanation).toContain('no candidate location holds A in stock (out of stock at eu-2)');
    expect(selection.explanation).toContain('line l1: 1 of 1 A short, not available (A does not allow backorders)');
  });
});
