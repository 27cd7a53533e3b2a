// A client written against the TypeScript types that openapi-typescript generates from
// /openapi.json (./api.d.ts, made by test/e2e/typed-client.test.ts, not kept in the repo),
// with openapi-fetch. It is compiled by tsc with those types: a response field that the
// document does not describe is a compile error. Creates a SKU and what an order needs, places
// the order, and reads its shipments.
import createClient from 'openapi-fetch';
import type { components, paths } from './api.js';

const MEDIA = 'application/vnd.api+json';

type Sku = components['schemas']['skus_resource'];
type Shipment = components['schemas']['shipments_resource'];
type ErrorObject = components['schemas']['errors_422']['errors'][number] | components['schemas']['errors_409']['errors'][number];

export interface Outcome {
  readonly sku: Pick<Sku['attributes'], 'code' | 'name'>;
  readonly orderStatus: string | null | undefined;
  readonly shipments: { readonly status: string | null | undefined; readonly lines: number; readonly location: string | undefined }[];
  readonly refusal: { readonly code: string; readonly status: string } & { readonly requested: number | undefined; readonly pointer: string | undefined };
}

export async function run(baseUrl: string, token: string): Promise<Outcome> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}`, accept: MEDIA, 'content-type': MEDIA } });
  const must = <T>(r: { data?: T; error?: unknown; response: Response }): T => {
    if (r.data === undefined) throw new Error(`${r.response.url}: ${r.response.status} ${JSON.stringify(r.error)}`);
    return r.data;
  };

  const category = must(await client.POST('/api/shipping_categories', { body: { data: { type: 'shipping_categories', attributes: { code: 'standard', name: 'Standard' } } } }));
  const sku = must(await client.POST('/api/skus', {
    body: { data: { type: 'skus', attributes: { code: 'MUG', name: 'Mug' }, relationships: { shipping_category: { data: { type: 'shipping_categories', id: category.data.id } } } } },
  }));
  const location = must(await client.POST('/api/stock_locations', { body: { data: { type: 'stock_locations', attributes: { code: 'milan', name: 'Milan' } } } }));
  must(await client.POST('/api/stock_items', {
    body: { data: { type: 'stock_items', attributes: { sku_code: 'MUG', quantity: 5 }, relationships: { stock_location: { data: { type: 'stock_locations', id: location.data.id } } } } },
  }));
  const model = must(await client.POST('/api/inventory_models', { body: { data: { type: 'inventory_models', attributes: { name: 'EU' } } } }));
  must(await client.POST('/api/inventory_stock_locations', {
    body: {
      data: {
        type: 'inventory_stock_locations', attributes: { priority: 1 },
        relationships: { inventory_model: { data: { type: 'inventory_models', id: model.data.id } }, stock_location: { data: { type: 'stock_locations', id: location.data.id } } },
      },
    },
  }));
  const market = must(await client.POST('/api/markets', {
    body: { data: { type: 'markets', attributes: { code: 'it', name: 'Italy' }, relationships: { inventory_model: { data: { type: 'inventory_models', id: model.data.id } } } } },
  }));

  const draft = async (quantity: number) => {
    const order = must(await client.POST('/api/orders', { body: { data: { type: 'orders', relationships: { market: { data: { type: 'markets', id: market.data.id } } } } } }));
    must(await client.POST('/api/line_items', {
      body: { data: { type: 'line_items', attributes: { sku_code: 'MUG', quantity }, relationships: { order: { data: { type: 'orders', id: order.data.id } } } } },
    }));
    return order.data.id;
  };

  const orderId = await draft(2);
  const placed = must(await client.PATCH('/api/orders/{id}', { params: { path: { id: orderId } }, body: { data: { type: 'orders', id: orderId, attributes: { _place: true } } } }));
  const shipments = must(await client.GET('/api/orders/{id}/shipments', { params: { path: { id: orderId }, query: { include: 'stock_line_items,stock_location' } } }));
  const locations = new Map((shipments.included ?? []).filter((r) => r.type === 'stock_locations').map((r) => [r.id, r.attributes as { code?: string | null }]));

  // Too many: the documented 422 error document, typed.
  const tooMany = await draft(50);
  const refused = await client.PATCH('/api/orders/{id}', { params: { path: { id: tooMany } }, body: { data: { type: 'orders', id: tooMany, attributes: { _place: true } } } });
  const error = refused.error?.errors[0];
  if (!error) throw new Error(`expected a refusal, got ${refused.response.status}`);
  const meta: ErrorObject['meta'] = error.meta;

  return {
    sku: { code: sku.data.attributes.code, name: sku.data.attributes.name },
    orderStatus: placed.data.attributes.status as string | null | undefined,
    shipments: shipments.data.map((s: Shipment) => {
      const at = s.relationships.stock_location?.data;
      const lines = s.relationships.stock_line_items?.data;
      return {
        status: s.attributes.status as string | null | undefined,
        lines: Array.isArray(lines) ? lines.length : 0,
        location: at && !Array.isArray(at) ? locations.get(at.id)?.code ?? undefined : undefined,
      };
    }),
    refusal: { code: error.code, status: error.status, requested: meta.requested, pointer: error.source?.pointer },
  };
}
