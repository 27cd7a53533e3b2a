// Products (the stock_item subset) and salability, replaying Magento's fixtures
// (InventoryApi/Test/_files) and the expectations of InventorySales' integration tests:
// GetProductSalableQtyTest, IsProductSalableForRequestedQty/{IsCorrectQtyCondition,
// IsSalableWithReservationsCondition, ManageStockCondition, BackorderCondition}Test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { loadMagentoFixture, startMagentoApi, type MagentoFixture, type MagentoTestApi } from './test-support.js';

describe.each(enginesUnderTest())('Magento products and salability on %s', (engine) => {
  let m: MagentoTestApi;
  let s: MagentoFixture;
  beforeAll(async () => {
    m = await startMagentoApi(engine);
    s = await loadMagentoFixture(m);
  }, 300_000);
  afterAll(() => m?.close());

  const salableQty = (sku: string, stock: number) => m.ok('GET', `/inventory/get-product-salable-quantity/${sku}/${stock}`);
  const forQty = (sku: string, stock: number, qty: number | string) => m.ok('GET', `/inventory/is-product-salable-for-requested-qty/${sku}/${stock}/${qty}`) as Promise<{ salable: boolean; errors: { code: string; message: string }[] }>;

  it('creates products with Magento’s config defaults; use_config_X false with X overrides (GET/PUT /V1/products)', async () => {
    const p = await m.ok('GET', '/products/SKU-2') as { sku: string; type_id: string; extension_attributes: { stock_item: Record<string, unknown> } };
    expect(p).toMatchObject({ sku: 'SKU-2', type_id: 'simple', name: 'Simple Product SKU-2' });
    expect(p.extension_attributes.stock_item).toMatchObject({
      is_qty_decimal: false, use_config_min_sale_qty: true, min_sale_qty: 1, use_config_max_sale_qty: true, max_sale_qty: 10000,
      use_config_enable_qty_inc: true, enable_qty_increments: false, use_config_backorders: true, backorders: 0, use_config_min_qty: true, min_qty: 0,
      use_config_manage_stock: true, manage_stock: true,
    });
    // X alone, with use_config_X still true, changes nothing (as in Magento).
    await m.ok('PUT', '/products/SKU-2', { product: { extension_attributes: { stock_item: { min_sale_qty: 7 } } } });
    expect(await forQty('SKU-2', s.us, 1)).toEqual({ salable: true, errors: [] });
    const sku = (await m.api.get('/api/skus?filter[q][code_eq]=SKU-2')).json().data[0].attributes;
    expect(sku).toMatchObject({ min_sale_quantity: 1, max_sale_quantity: 10000, do_not_track: false, do_not_ship: false });
    expect((await m.ok('GET', '/products/SKU-4') as { extension_attributes: { stock_item: unknown } }).extension_attributes.stock_item).toMatchObject({ use_config_manage_stock: false, manage_stock: false });
    const numeric = await m.ok('POST', '/products', { product: { sku: 12345, name: 'Numeric', type_id: 'virtual' } });
    expect(numeric).toMatchObject({ sku: '12345', type_id: 'virtual' });
    const missing = await m.get('/products/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: "The product that was requested doesn't exist. Verify the product and try again." });
    expect((await m.post('/products', { product: { name: 'no sku' } })).json()).toEqual({ message: 'The "%1" attribute value is empty. Set the attribute and try again.', parameters: ['sku'] });
  });

  it('salable quantity = Σ in-stock quantities at the stock’s enabled sources − min_qty (GetProductSalableQtyTest)', async () => {
    expect(await salableQty('SKU-1', s.eu)).toBe(8.5);
    expect(await salableQty('SKU-1', s.us)).toBe(0);
    expect(await salableQty('SKU-1', s.global)).toBe(8.5);
    expect(await salableQty('SKU-2', s.eu)).toBe(0);
    expect(await salableQty('SKU-2', s.us)).toBe(5);
    expect(await salableQty('SKU-2', s.global)).toBe(5);
    expect(await salableQty('SKU-3', s.eu)).toBe(0);
    expect(await salableQty('SKU-6', s.eu)).toBe(3);
    const unknown = await m.get('/inventory/get-product-salable-quantity/NOPE/1');
    expect(unknown.statusCode).toBe(404);
    expect((await m.get('/inventory/get-product-salable-quantity/SKU-1/999')).json()).toEqual({ message: 'Stock with id "%value" does not exist.', parameters: { value: '999' } });
    expect(await m.ok('GET', `/inventory/is-product-salable/SKU-1/${s.eu}`)).toBe(true);
    expect(await m.ok('GET', `/inventory/is-product-salable/SKU-3/${s.eu}`)).toBe(false);
    expect(await m.ok('GET', `/inventory/is-product-salable/SKU-4/${s.eu}`)).toBe(true);
    expect(await m.ok('GET', `/inventory/is-product-salable/NOPE/${s.eu}`)).toBe(false);
  });

  it('checks a requested quantity: enough salable quantity (IsSalableWithReservationsConditionTest)', async () => {
    expect(await forQty('SKU-1', s.eu, 8.5)).toEqual({ salable: true, errors: [] });
    expect(await forQty('SKU-1', s.eu, 8.6)).toEqual({ salable: false, errors: [{ code: 'is_salable_with_reservations-not_enough_qty', message: 'The requested qty is not available' }] });
    expect((await forQty('SKU-2', s.eu, 1)).salable).toBe(false);
    expect((await forQty('SKU-3', s.global, 1)).salable).toBe(false);
  });

  it('checks decimals, min and max sale quantity and increments with Magento’s codes and messages (IsCorrectQtyConditionTest)', async () => {
    expect((await forQty('SKU-1', s.eu, 2.5)).salable).toBe(true);
    expect(await forQty('SKU-2', s.global, 2.5)).toEqual({ salable: false, errors: [{ code: 'is_correct_qty-is_qty_decimal', message: 'You cannot use decimal quantity for this product.' }] });
    expect((await forQty('SKU-2', s.global, 2)).salable).toBe(true);
    await m.ok('PUT', '/products/SKU-1', { product: { extension_attributes: { stock_item: { use_config_min_sale_qty: false, min_sale_qty: 7 } } } });
    for (const [stock, qty, salable] of [[s.eu, 1, false], [s.eu, 7, true], [s.eu, 8, true], [s.global, 1, false], [s.global, 7, true], [s.us, 7, false]] as const) {
      expect((await forQty('SKU-1', stock, qty)).salable, `${stock} ${qty}`).toBe(salable);
    }
    expect((await forQty('SKU-1', s.eu, 1)).errors).toEqual([{ code: 'is_correct_qty-min_sale_qty', message: 'The fewest you may purchase is 7.' }]);
    await m.ok('PUT', '/products/SKU-1', { product: { extension_attributes: { stock_item: { use_config_min_sale_qty: true, use_config_max_sale_qty: false, max_sale_qty: 6 } } } });
    for (const [stock, qty, salable] of [[s.eu, 1, true], [s.eu, 6, true], [s.eu, 7, false], [s.global, 6, true], [s.global, 7, false]] as const) {
      expect((await forQty('SKU-1', stock, qty)).salable, `${stock} ${qty}`).toBe(salable);
    }
    expect((await forQty('SKU-1', s.eu, 7)).errors).toEqual([{ code: 'is_correct_qty-max_sale_qty', message: 'The requested qty exceeds the maximum qty allowed in shopping cart' }]);
    await m.ok('PUT', '/products/SKU-1', { product: { extension_attributes: { stock_item: { use_config_max_sale_qty: true, use_config_enable_qty_inc: false, enable_qty_increments: true, use_config_qty_increments: false, qty_increments: 3 } } } });
    for (const [qty, salable] of [[1, false], [3, true], [6, true], [9, false]] as const) {
      expect((await forQty('SKU-1', s.eu, qty)).salable, `${qty}`).toBe(salable);
    }
    expect((await forQty('SKU-1', s.eu, 1)).errors).toEqual([{ code: 'is_correct_qty-qty_increment', message: 'You can buy this product only in quantities of 3 at a time.' }]);
    const badQty = await m.get(`/inventory/is-product-salable-for-requested-qty/SKU-1/${s.eu}/lots`);
    expect(badQty.statusCode).toBe(400);
  });

  it('sells any quantity without stock management (ManageStockConditionTest) and below zero down to min_qty with backorders (BackorderConditionTest)', async () => {
    for (const stock of [s.eu, s.us, s.global]) expect((await forQty('SKU-4', stock, 100)).salable).toBe(true);
    expect((await forQty('SKU-6', s.eu, 3)).salable).toBe(true);
    expect((await forQty('SKU-6', s.eu, 4)).salable).toBe(false);
  });
});
