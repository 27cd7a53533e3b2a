// `stockroute demo` on a fresh embedded database, then refused on a loaded one.
import { describe, expect, it } from 'vitest';
import { expectNoStackTrace, stockroute, tempDataDir } from './cli-run.js';

describe('stockroute demo', () => {
  const db = ['--data-dir', tempDataDir()];

  it('loads the demo once, prints a summary, and refuses to load twice', { timeout: 400_000 }, async () => {
    const run = await stockroute(['demo', '--orders', '40', '--seed', '3', ...db]);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/Demo data loaded in [\d.]+s \(seed 3\)/);
    expect(run.stdout).toContain('20 stock locations');
    expect(run.stdout).toContain('eu (split_shipments), uk (ship_from_primary), na (no_split)');
    expect(run.stdout).toMatch(/2000 SKUs, \d+ stock items/);
    expect(run.stdout).toMatch(/40 orders: \d+ draft/);

    const locations = (await stockroute(['export', 'stock_locations', ...db])).stdout.trim().split('\n');
    expect(locations).toHaveLength(21);
    expect(locations.find((l) => l.startsWith('paris,'))).toContain('Paris,75012,IDF,FR,48.8339,2.3838');

    const check = await stockroute(['check', ...db]);
    expect(check.stdout + check.stderr).not.toContain('on_hand_equals_movements');

    const twice = await stockroute(['demo', ...db]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already has stock locations');
    expect(expectNoStackTrace(twice.stderr)).toBe(true);
  });

  it('rejects a bad option with exit 2', { timeout: 120_000 }, async () => {
    const run = await stockroute(['demo', '--orders', 'many', ...db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--orders <n>' argument 'many' is invalid");
  });
});
