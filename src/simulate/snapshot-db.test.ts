import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qty } from '../domain/quantity.js';
import { enginesUnderTest, openTestDb } from '../store/test-support/engines.js';
import type { TestDb } from '../store/test-support/engines.js';
import { loadSnapshotFromDb } from './snapshot-db.js';

describe.each(enginesUnderTest())('snapshot from the database (%s)', (engine) => {
  let db: TestDb;

  beforeEach(async () => {
    db = await openTestDb(engine);
    const k = db.kysely;
    await k.insertInto('addresses').values([
      { id: 'addr_paris', city: 'Paris', country_code: 'FR', lat: 48.8566, lng: 2.3522 },
      { id: 'addr_berlin', city: 'Berlin', country_code: 'DE', lat: 52.52, lng: 13.405 },
    ]).execute();
    await k.insertInto('stock_locations').values([
      { id: 'sloc_paris', code: 'paris', name: 'Paris', address_id: 'addr_paris' },
      { id: 'sloc_berlin', code: 'berlin', name: 'Berlin', address_id: 'addr_berlin' },
      { id: 'sloc_rome', code: 'rome', name: 'Rome (no address)', enabled: false },
      { id: 'sloc_other', code: 'other', name: 'Not in the model' },
    ]).execute();
    await k.insertInto('shipping_categories').values({ id: 'scat_bulky', code: 'bulky', name: 'Bulky' }).execute();
    await k.insertInto('skus').values([
      { id: 'sku_a', code: 'A', name: 'A' },
      { id: 'sku_b', code: 'B', name: 'B', shipping_category_id: 'scat_bulky', allow_backorders: true },
      { id: 'sku_c', code: 'C', name: 'C', do_not_track: true },
    ]).execute();
    await k.insertInto('inventory_models').values([
      { id: 'invm_eu', name: 'EU', stock_locations_cutoff: 3 },
      { id: 'invm_dup1', name: 'Twin' },
      { id: 'invm_dup2', name: 'Twin' },
    ]).execute();
    await k.insertInto('inventory_stock_locations').values([
      { id: 'isl_1', inventory_model_id: 'invm_eu', stock_location_id: 'sloc_berlin', priority: 2, on_hold: true },
      { id: 'isl_2', inventory_model_id: 'invm_eu', stock_location_id: 'sloc_paris', priority: 1 },
      { id: 'isl_3', inventory_model_id: 'invm_eu', stock_location_id: 'sloc_rome', priority: 3 },
    ]).execute();
    await k.insertInto('stock_items').values([
      { id: 'si_1', sku_id: 'sku_a', sku_code: 'A', stock_location_id: 'sloc_paris', quantity: '2.5', reserved_quantity: '1' },
      { id: 'si_2', sku_id: 'sku_b', sku_code: 'B', stock_location_id: 'sloc_berlin', quantity: 40 },
      { id: 'si_3', sku_id: 'sku_a', sku_code: 'A', stock_location_id: 'sloc_other', quantity: 1000 },
    ]).execute();
  });

  afterEach(async () => {
    await db.close();
  });

  it('reads the model’s locations by priority, its stock, and SKUs by total stock', async () => {
    const snapshot = await loadSnapshotFromDb(db.kysely, 'EU');
    expect(snapshot).toEqual({
      name: 'inventory model EU (invm_eu)',
      stockLocationsCutoff: 3,
      locations: [
        { code: 'paris', priority: 1, enabled: true, onHold: false, lat: 48.8566, lng: 2.3522 },
        { code: 'berlin', priority: 2, enabled: true, onHold: true, lat: 52.52, lng: 13.405 },
        { code: 'rome', priority: 3, enabled: false, onHold: false, lat: null, lng: null },
      ],
      // B has 40 in the model, A 2.5 (the 1000 at a location outside the model do not count).
      skus: [
        { code: 'B', shippingCategory: 'bulky', doNotShip: false, doNotTrack: false, allowBackorders: true },
        { code: 'A', shippingCategory: null, doNotShip: false, doNotTrack: false, allowBackorders: false },
        { code: 'C', shippingCategory: null, doNotShip: false, doNotTrack: true, allowBackorders: false },
      ],
      stock: [
        { location: 'paris', sku: 'A', quantity: qty(2.5), reserved: qty(1), status: 'in_stock' },
        { location: 'berlin', sku: 'B', quantity: qty(40), reserved: qty(0), status: 'in_stock' },
      ],
    });
    expect(await loadSnapshotFromDb(db.kysely, 'invm_eu')).toEqual(snapshot);
  });

  it('names the models when the one asked for is unknown or ambiguous', async () => {
    await expect(loadSnapshotFromDb(db.kysely, 'US')).rejects.toThrow('--model: no inventory model has id or name "US"; known: EU (invm_eu), Twin');
    await expect(loadSnapshotFromDb(db.kysely, 'Twin')).rejects.toThrow('2 inventory models are named "Twin"; give an id: invm_dup1, invm_dup2');
  });
});
