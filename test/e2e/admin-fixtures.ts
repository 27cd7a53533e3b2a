// The browser test's world, created through the public API: two warehouses (Hamburg, priority 1;
// Munich, priority 2), two SKUs, a split-shipments model with manual stock decrement (the
// Magento way: stock leaves when a source selection is submitted), a market, and a paid order
// shipping to Augsburg (near Munich) that needs both warehouses and backorders one T-shirt.
import { ref, type ApiClient, type Res } from './admin-api-client.js';

export interface Catalogue {
  readonly model: Res;
  readonly market: Res;
  readonly north: Res;
  readonly south: Res;
  readonly tshirt: Res;
  readonly mug: Res;
}

export interface World extends Catalogue {
  readonly order: Res;
  readonly orderNumber: string;
}

async function aLocation(api: ApiClient, code: string, name: string, city: string, lat: number, lng: number): Promise<Res> {
  const address = await api.create('addresses', { line_1: `${name} 1`, city, zip_code: '00000', country_code: 'DE', lat, lng });
  return api.create('stock_locations', { code, name }, { address: ref('addresses', address) });
}

/** Locations, SKUs, model and market, with stock: T-shirts 3 + 2, mugs 1 + 4 (north + south). */
export async function aCatalogue(api: ApiClient): Promise<Catalogue> {
  const north = await aLocation(api, 'WH-NORTH', 'Hamburg warehouse', 'Hamburg', 53.5511, 9.9937);
  const south = await aLocation(api, 'WH-SOUTH', 'Munich warehouse', 'Munich', 48.1351, 11.582);
  const parcel = await api.create('shipping_categories', { code: 'parcel', name: 'Parcel' });
  const tshirt = await api.create('skus', { code: 'TSHIRT', name: 'T-shirt', allow_backorders: true }, { shipping_category: ref('shipping_categories', parcel) });
  const mug = await api.create('skus', { code: 'MUG', name: 'Mug' }, { shipping_category: ref('shipping_categories', parcel) });
  const model = await api.create('inventory_models', { name: 'Germany', strategy: 'split_shipments', stock_locations_cutoff: 2, manual_stock_decrement: true });
  await api.create('inventory_stock_locations', { priority: 1 }, { inventory_model: ref('inventory_models', model), stock_location: ref('stock_locations', north) });
  await api.create('inventory_stock_locations', { priority: 2 }, { inventory_model: ref('inventory_models', model), stock_location: ref('stock_locations', south) });
  const market = await api.create('markets', { code: 'de', name: 'Germany' }, { inventory_model: ref('inventory_models', model) });
  const stock: [Res, Res, number][] = [[tshirt, north, 3], [tshirt, south, 2], [mug, north, 1], [mug, south, 4]];
  for (const [sku, location, quantity] of stock) {
    await api.create('stock_items', { quantity }, { sku: ref('skus', sku), stock_location: ref('stock_locations', location) });
  }
  return { model, market, north, south, tshirt, mug };
}

/** A paid order for 6 T-shirts (5 in stock: one is backordered) and 2 mugs, to Augsburg. */
export async function aWorldNeedingTwoSources(api: ApiClient): Promise<World> {
  const catalogue = await aCatalogue(api);
  const { market } = catalogue;
  const shipTo = await api.create('addresses', { line_1: 'Maximilianstraße 1', city: 'Augsburg', zip_code: '86150', country_code: 'DE', lat: 48.3705, lng: 10.8978 });
  const order = await api.create('orders', {}, { market: ref('markets', market), shipping_address: ref('addresses', shipTo) });
  await api.create('line_items', { sku_code: 'TSHIRT', quantity: 6 }, { order: ref('orders', order) });
  await api.create('line_items', { sku_code: 'MUG', quantity: 2 }, { order: ref('orders', order) });
  await api.update('orders', order.id, { _place: true });
  const paid = await api.update('orders', order.id, { _approve_and_capture: true });
  return { ...catalogue, order: paid, orderNumber: String(paid.attributes.number) };
}

/** On hand and reserved of one SKU at one location, read from the API. */
export async function levels(api: ApiClient, sku: string, location: string): Promise<{ onHand: number; reserved: number }> {
  const doc = await api.get(`stock_items?filter[q][sku_code_eq]=${sku}&filter[q][stock_location_code_eq]=${location}&include=reserved_stock`);
  const item = doc.data[0];
  if (!item) return { onHand: 0, reserved: 0 };
  const reserved = doc.included?.find((r) => r.type === 'reserved_stocks');
  return { onHand: Number(item.attributes.quantity), reserved: Number(reserved?.attributes.quantity ?? 0) };
}

/** A model with a single location (Magento's Single Source mode), its market, and 5 mugs in stock. */
export async function aSingleSourceShop(api: ApiClient): Promise<{ market: Res }> {
  const shop = await aLocation(api, 'SHOP', 'The shop', 'Berlin', 52.52, 13.405);
  const parcel = await api.create('shipping_categories', { code: 'parcel', name: 'Parcel' });
  const mug = await api.create('skus', { code: 'MUG', name: 'Mug' }, { shipping_category: ref('shipping_categories', parcel) });
  const model = await api.create('inventory_models', { name: 'Shop only', strategy: 'no_split', manual_stock_decrement: true });
  await api.create('inventory_stock_locations', { priority: 1 }, { inventory_model: ref('inventory_models', model), stock_location: ref('stock_locations', shop) });
  const market = await api.create('markets', { code: 'shop', name: 'Shop' }, { inventory_model: ref('inventory_models', model) });
  await api.create('stock_items', { quantity: 5 }, { sku: ref('skus', mug), stock_location: ref('stock_locations', shop) });
  return { market };
}

/** A placed, approved and paid order of `quantity` mugs in the market. */
export async function aPaidMugOrder(api: ApiClient, market: Res, quantity: number): Promise<{ order: Res; orderNumber: string }> {
  const order = await api.create('orders', {}, { market: ref('markets', market) });
  await api.create('line_items', { sku_code: 'MUG', quantity }, { order: ref('orders', order) });
  await api.update('orders', order.id, { _place: true });
  const paid = await api.update('orders', order.id, { _approve_and_capture: true });
  return { order: paid, orderNumber: String(paid.attributes.number) };
}

export interface ContestedMug {
  readonly model: Res;
  readonly north: Res;
  readonly south: Res;
  /** The Hamburg customer's mug, placed first: priority gives it Hamburg's only mug. */
  readonly first: Res;
  /** A mug and a tee, placed second: the mug comes from Munich, the tee from Hamburg (2 shipments). */
  readonly second: Res;
}

/**
 * The contested mug, placed under priority routing: Hamburg (priority 1) has one mug and one
 * tee, Munich one mug. The first order takes Hamburg's mug, so the second (mug + tee) ships in
 * two parcels: 3 shipments. Re-planned together, the first ships from Munich and the second in
 * one parcel from Hamburg: 2 shipments.
 */
export async function aContestedMug(api: ApiClient): Promise<ContestedMug> {
  const north = await aLocation(api, 'WH-NORTH', 'Hamburg warehouse', 'Hamburg', 53.5511, 9.9937);
  const south = await aLocation(api, 'WH-SOUTH', 'Munich warehouse', 'Munich', 48.1351, 11.582);
  const parcel = await api.create('shipping_categories', { code: 'parcel', name: 'Parcel' });
  const mug = await api.create('skus', { code: 'MUG', name: 'Mug' }, { shipping_category: ref('shipping_categories', parcel) });
  const tee = await api.create('skus', { code: 'TEE', name: 'Tee' }, { shipping_category: ref('shipping_categories', parcel) });
  const model = await api.create('inventory_models', { name: 'Contested', strategy: 'split_shipments', routing_algorithm: 'priority', manual_stock_decrement: true });
  await api.create('inventory_stock_locations', { priority: 1 }, { inventory_model: ref('inventory_models', model), stock_location: ref('stock_locations', north) });
  await api.create('inventory_stock_locations', { priority: 2 }, { inventory_model: ref('inventory_models', model), stock_location: ref('stock_locations', south) });
  const market = await api.create('markets', { code: 'contested', name: 'Contested' }, { inventory_model: ref('inventory_models', model) });
  const stock: [Res, Res, number][] = [[mug, north, 1], [mug, south, 1], [tee, north, 1]];
  for (const [sku, location, quantity] of stock) {
    await api.create('stock_items', { quantity }, { sku: ref('skus', sku), stock_location: ref('stock_locations', location) });
  }
  const placed = async (lines: Record<string, number>, city: string, lat: number, lng: number) => {
    const shipTo = await api.create('addresses', { line_1: `${city} 1`, city, zip_code: '00000', country_code: 'DE', lat, lng });
    const order = await api.create('orders', {}, { market: ref('markets', market), shipping_address: ref('addresses', shipTo) });
    for (const [sku_code, quantity] of Object.entries(lines)) await api.create('line_items', { sku_code, quantity }, { order: ref('orders', order) });
    return api.update('orders', order.id, { _place: true });
  };
  const first = await placed({ MUG: 1 }, 'Hamburg', 53.55, 10.0);
  const second = await placed({ MUG: 1, TEE: 1 }, 'Munich', 48.14, 11.58);
  return { model, north, south, first, second };
}

/** The codes of the locations an order's shipments leave from, sorted. */
export async function shipmentSources(api: ApiClient, orderId: string): Promise<string[]> {
  const doc = await api.get(`orders/${orderId}/shipments?include=stock_location`);
  const codes = new Map((doc.included ?? []).filter((r) => r.type === 'stock_locations').map((r) => [r.id, String(r.attributes.code)]));
  return (doc.data as unknown as Res[]).map((s) => codes.get((s.relationships?.stock_location?.data as { id: string }).id) ?? '?').sort();
}
