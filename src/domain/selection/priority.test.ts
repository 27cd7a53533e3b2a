import { describe, expect, it } from 'vitest';
import { aLine, aLocation, aProblem, aStock } from '../test-support/builders.js';
import { deductions, lineOf } from '../test-support/outcome.js';
import { contractSuite } from './contract.case.js';
import { selectSources } from './index.js';

contractSuite({ strategy: null, algorithm: 'priority' });

describe('ranking priority', () => {
  it('tries locations by priority, equal priorities by code, and splits a line 5.5 + 2.5 = 8 exactly', () => {
    const selection = selectSources(
      aProblem({
        locations: [aLocation({ code: 'eu-9', priority: 2 }), aLocation({ code: 'eu-1', priority: 1 }), aLocation({ code: 'eu-2', priority: 2 })],
        stock: [aStock('eu-9', 'A', 10), aStock('eu-1', 'A', 5.5), aStock('eu-2', 'A', 3)],
        lines: [aLine('l1', 'A', 8)],
      }),
    );
    const line = lineOf(selection, 'l1');
    expect(line.sources.map((s) => s.location)).toEqual(['eu-1', 'eu-2', 'eu-9']);
    expect(deductions(line)).toEqual({ 'eu-1': 5.5, 'eu-2': 2.5 });
    expect(line.sources.map((s) => s.quantityToDeduct)).toEqual([55_000, 25_000, 0]);
    expect(line.shortfall).toBe(0);
    expect(selection.explanation).toContain('eu-1 (priority 1) gives 5.5 of 8 A');
    expect(selection.explanation).toContain('eu-2 (priority 2) gives 2.5 of 8 A');
  });
});
