// A small inventory built through the public API, for order-side HTTP tests: two shipping
// categories, SKUs, three locations in Paris / Lyon / Berlin with coordinates, one inventory
// model (strategy as asked) over them, stock, and a market.
import type { TestApi } from './app.js';

export interface Catalogue {
  readonly marketId: string;
  readonly modelId: string;
  readonly locations: Record<'paris' | 'lyon' | 'berlin', string>;
  readonly stockItems: Record<string, string>;
}

export interface CatalogueOptions {
  readonly strategy?: string;
  readonly cutoff?: number;
  /** `${sku}@${location}` → on-hand quantity */
  readonly stock?: Record<string, number>;
  readonly backorderable?: readonly string[];
}

const CITIES = {
  paris: { lat: 48.8566, lng: 2.3522, city: 'Paris', country_code: 'FR', zip_code: '75001' },
  lyon: { lat: 45.764, lng: 4.8357, city: 'Lyon', country_code: 'FR', zip_code: '69001' },
  berlin: { lat: 52.52, lng: 13.405, city: 'Berlin', country_code: 'DE', zip_code: '10115' },
} as const;

export async function buildCatalogue(api: TestApi, options: CatalogueOptions = {}): Promise<Catalogue> {
  const standard = await api.create('shipping_categories', { code: 'standard', name: 'Standard' });
  const bulky = await api.create('shipping_categories', { code: 'bulky', name: 'Bulky' });
  for (const code of ['TSHIRT', 'MUG', 'SOFA']) {
    await api.create('skus', {
      code, name: code, allow_backorders: options.backorderable?.includes(code) ?? false,
    }, { shipping_category: { type: 'shipping_categories', id: code === 'SOFA' ? bulky : standard } });
  }
  const locations = {} as Record<keyof typeof CITIES, string>;
  for (const [key, c] of Object.entries(CITIES) as [keyof typeof CITIES, (typeof CITIES)[keyof typeof CITIES]][]) {
    const address = await api.create('addresses', { line_1: '1 Main St', ...c });
    locations[key] = await api.create('stock_locations', { code: key, name: c.city }, { address: { type: 'addresses', id: address } });
  }
  const modelId = await api.create('inventory_models', {
    name: 'EU', strategy: options.strategy ?? 'split_shipments', stock_locations_cutoff: options.cutoff ?? 3,
  });
  for (const [i, key] of (['paris', 'lyon', 'berlin'] as const).entries()) {
    await api.create('inventory_stock_locations', { priority: i + 1 }, {
      inventory_model: { type: 'inventory_models', id: modelId },
      stock_location: { type: 'stock_locations', id: locations[key] },
    });
  }
  const stockItems: Record<string, string> = {};
  const stock = options.stock ?? { 'TSHIRT@paris': 5, 'TSHIRT@lyon': 10, 'MUG@paris': 3, 'SOFA@berlin': 2 };
  for (const [key, quantity] of Object.entries(stock)) {
    const [sku, loc] = key.split('@') as [string, keyof typeof CITIES];
    stockItems[key] = await api.create('stock_items', { sku_code: sku, quantity }, {
      stock_location: { type: 'stock_locations', id: locations[loc] },
    });
  }
  const marketId = await api.create('markets', { code: 'eu', name: 'Europe' }, { inventory_model: { type: 'inventory_models', id: modelId } });
  return { marketId, modelId, locations, stockItems };
}

/** Creates a draft order with lines (and a Munich shipping address) and returns its id. */
export async function draftOrder(api: TestApi, marketId: string, lines: Record<string, number>, attributes: Record<string, unknown> = {}, token?: string): Promise<string> {
  const address = await api.create('addresses', { line_1: 'Marienplatz 1', city: 'München', zip_code: '80331', country_code: 'DE', lat: 48.137, lng: 11.575 });
  const created = await api.post('/api/orders', {
    data: {
      type: 'orders', attributes,
      relationships: { market: { data: { type: 'markets', id: marketId } }, shipping_address: { data: { type: 'addresses', id: address } } },
    },
  }, token);
  if (created.statusCode !== 201) throw new Error(`order: ${created.statusCode} ${created.body}`);
  const orderId = (created.json() as { data: { id: string } }).data.id;
  for (const [sku, quantity] of Object.entries(lines)) {
    const res = await api.post('/api/line_items', {
      data: { type: 'line_items', attributes: { sku_code: sku, quantity }, relationships: { order: { data: { type: 'orders', id: orderId } } } },
    }, token);
    if (res.statusCode !== 201) throw new Error(`line: ${res.statusCode} ${res.body}`);
  }
  return orderId;
}

export async function trigger(api: TestApi, type: string, id: string, name: string, token?: string) {
  return api.patch(`/api/${type}/${id}`, { data: { type, id, attributes: { [name]: true } } }, token);
}
