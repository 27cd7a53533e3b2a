// Magento's source selection service: the algorithm list (every ranking the engine
// registers) and algorithm results on Magento's fixtures, by priority (Magento's
// PriorityBasedAlgorithm: sources in priority order, min(available, still needed) each) and
// by distance, with sources placed offline by country and postcode from GeoNames data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankingNames } from '../../domain/selection/index.js';
import { importGeonames } from '../../io/geonames-import.js';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { algorithmList } from './source-selection.js';
import { loadMagentoFixture, startMagentoApi, type MagentoFixture, type MagentoTestApi } from './test-support.js';

const SAMPLE = new URL('../../../test/fixtures/geonames-sample.txt', import.meta.url).pathname;

describe('the algorithm list', () => {
  it('has an entry, with Magento’s titles, for every registered ranking (and one waiting for fewest_shipments)', () => {
    const list = algorithmList();
    expect(list.map((a) => a.code)).toEqual(rankingNames());
    expect(list.find((a) => a.code === 'priority')).toEqual({ code: 'priority', title: 'Source Priority', description: 'Algorithm which provides Source Selections based on predefined priority of Source' });
    expect(list.find((a) => a.code === 'distance')?.title).toBe('Distance Priority');
  });
});

describe.each(enginesUnderTest())('Magento source selection on %s', (engine) => {
  let m: MagentoTestApi;
  let s: MagentoFixture;
  beforeAll(async () => {
    m = await startMagentoApi(engine);
    s = await loadMagentoFixture(m);
  }, 300_000);
  afterAll(() => m?.close());

  const run = (stockId: number, items: { sku: string | number; qty: number }[], algorithmCode: string, destination?: Record<string, string>) =>
    m.post('/inventory/source-selection-algorithm-result', {
      inventoryRequest: { stockId, items, ...(destination ? { extension_attributes: { destination_address: destination } } : {}) }, algorithmCode,
    });

  it('lists the algorithms over HTTP', async () => {
    expect(await m.ok('GET', '/inventory/source-selection-algorithm-list')).toEqual(algorithmList());
  });

  it('selects by source priority: in-stock sources of enabled links, in order, deducting what each has', async () => {
    const res = await run(s.eu, [{ sku: 'SKU-1', qty: 8 }], 'priority');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { source_selection_items: { source_code: string; qty_to_deduct: number; qty_available: number }[]; shippable: boolean };
    expect(body.shippable).toBe(true);
    expect(body.source_selection_items.filter((i) => i.qty_to_deduct > 0)).toEqual([
      { source_code: 'eu-1', sku: 'SKU-1', qty_to_deduct: 5.5, qty_available: 5.5 },
      { source_code: 'eu-2', sku: 'SKU-1', qty_to_deduct: 2.5, qty_available: 3 },
    ]);
    expect(body.source_selection_items.map((i) => i.source_code)).not.toContain('eu-disabled');
    const short = (await run(s.eu, [{ sku: 'SKU-1', qty: 10 }], 'priority')).json();
    expect(short.shippable).toBe(false);
    const global = (await run(s.global, [{ sku: 'SKU-2', qty: 2 }, { sku: 'SKU-1', qty: 1 }], 'priority')).json() as { source_selection_items: { source_code: string; sku: string; qty_to_deduct: number }[] };
    expect(global.source_selection_items.filter((i) => i.qty_to_deduct > 0)).toEqual([
      expect.objectContaining({ source_code: 'us-1', sku: 'SKU-2', qty_to_deduct: 2 }),
      expect.objectContaining({ source_code: 'eu-2', sku: 'SKU-1', qty_to_deduct: 1 }),
    ]);
  });

  it('selects by distance, placing sources without coordinates by country and postcode (GeoNames)', async () => {
    const marseille = { country: 'FR', postcode: '13001', city: 'Marseille', street: '1 La Canebière', region: '' };
    const before = (await run(s.eu, [{ sku: 'SKU-1', qty: 4 }], 'distance', marseille)).json() as { source_selection_items: { source_code: string; qty_to_deduct: number }[] };
    // Nothing to measure yet: distance falls back to priority (Paris first).
    expect(before.source_selection_items.find((i) => i.qty_to_deduct > 0)?.source_code).toBe('eu-1');
    await importGeonames(m.api.db, [SAMPLE]);
    const after = (await run(s.eu, [{ sku: 'SKU-1', qty: 4 }], 'distance', marseille)).json() as { source_selection_items: { source_code: string; qty_to_deduct: number }[] };
    // Lyon (eu-2) is nearer to Marseille than Paris (eu-1).
    expect(after.source_selection_items.filter((i) => i.qty_to_deduct > 0)).toEqual([
      expect.objectContaining({ source_code: 'eu-2', qty_to_deduct: 3 }),
      expect.objectContaining({ source_code: 'eu-1', qty_to_deduct: 1 }),
    ]);
  });

  it('answers Magento errors for an unknown stock, algorithm or SKU', async () => {
    expect((await run(999, [{ sku: 'SKU-1', qty: 1 }], 'priority')).statusCode).toBe(404);
    const algorithm = await run(s.eu, [{ sku: 'SKU-1', qty: 1 }], 'cheapest');
    expect(algorithm.statusCode).toBe(400);
    expect(algorithm.json().message).toContain('unknown algorithm "cheapest"');
    const sku = await run(s.eu, [{ sku: 'NOPE', qty: 1 }], 'priority');
    expect(sku.statusCode).toBe(400);
    expect(sku.json().message).toContain('NOPE');
  });
});
