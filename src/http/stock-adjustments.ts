// POST /api/stock_adjustments: up to 250 stock changes in one transaction, all or nothing,
// for ERP syncs (flows/stock-adjustments.ts). Each element of `data` names a SKU and a stock
// location by code and carries `delta` or `quantity` (+ `expected_quantity`) and a `reason`.
// The answer lists the stock items after the change, in row order, each with the row's
// delta, reason and movement in `meta`. A refused row fails the batch with 422/409 and a
// pointer at that row (`/data/3/attributes/delta`). Admin integrations only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { MANUAL_REASONS } from '../domain/ledger/stock-change.js';
import { toDecimal } from '../domain/quantity.js';
import type { FlowContext } from '../flows/context.js';
import { MAX_ADJUSTMENT_ROWS, RowFailure, applyStockAdjustments } from '../flows/stock-adjustments.js';
import { permits } from './auth/context.js';
import { requireAuth } from './auth/guard.js';
import { ApiError, fromDomainError } from './errors.js';
import { MEDIA_TYPE } from './jsonapi/media-type.js';
import { toResourceObject } from './jsonapi/serialize.js';
import { code, nullable, quantity } from './resources/attribute-types.js';
import { stockItems } from './resources/stock-items.js';
import type { ResourceDefinition } from './resources/define.js';
import { COMMON_ERRORS, errorResponses, jsonApi, resourceRef } from './openapi/responses.js';

const AdjustedItems = {
  type: 'object', required: ['data', 'meta'], additionalProperties: false, description: 'the stock items after the change, in row order',
  properties: {
    data: {
      type: 'array',
      items: {
        allOf: [resourceRef('stock_items'), {
          type: 'object',
          properties: {
            meta: {
              type: 'object', required: ['row', 'delta', 'reason', 'quantity_after', 'stock_movement_id'],
              properties: {
                row: { type: 'integer' }, delta: { type: 'number' }, reason: { type: 'string' },
                quantity_after: { type: 'number' }, stock_movement_id: { type: ['string', 'null'] },
              },
            },
          },
        }],
      },
    },
    meta: { type: 'object', required: ['record_count'], additionalProperties: false, properties: { record_count: { type: 'integer' } } },
  },
};

const AdjustmentRow = Type.Object({
  type: Type.Literal('stock_adjustments'),
  attributes: Type.Object({
    sku_code: code(),
    stock_location_code: code(),
    delta: Type.Optional(Type.Number({ description: 'signed change of on-hand (exclusive with quantity)' })),
    quantity: Type.Optional(quantity({ description: 'absolute on-hand count (exclusive with delta)' })),
    expected_quantity: Type.Optional(quantity({ description: 'with quantity: the on-hand last seen; refused with 409 STALE_QUANTITY when it differs' })),
    reason: Type.Optional(Type.String({ enum: [...MANUAL_REASONS], description: 'adjustment by default' })),
    reference: Type.Optional(nullable(Type.String({ maxLength: 255 }))),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export const StockAdjustmentsBody = Type.Object({
  data: Type.Array(AdjustmentRow, { minItems: 1, maxItems: MAX_ADJUSTMENT_ROWS }),
});

export function registerStockAdjustments(app: FastifyInstance, deps: { flow: FlowContext; mode: 'test' | 'live' }): void {
  app.post('/api/stock_adjustments', {
    schema: {
      tags: ['stock_adjustments'],
      summary: `Apply up to ${MAX_ADJUSTMENT_ROWS} stock changes (deltas or counts with a reason) in one transaction, all or nothing`,
      body: StockAdjustmentsBody,
      consumes: [MEDIA_TYPE], produces: [MEDIA_TYPE],
      response: {
        200: jsonApi(AdjustedItems),
        ...errorResponses([...COMMON_ERRORS, 404, 409, 415, 422], {
          422: 'a row is refused; source.pointer names the row (/data/3/attributes/delta) and meta.row its index',
          409: 'a counted row\'s expected_quantity differs (STALE_QUANTITY)',
        }),
      },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    if (!permits(auth, 'POST', { adminOnly: true })) throw new ApiError('FORBIDDEN', 'this application may not POST stock_adjustments');
    const rows = (request.body as Static<typeof StockAdjustmentsBody>).data.map(({ attributes: a }) => ({
      skuCode: a.sku_code, stockLocationCode: a.stock_location_code, delta: a.delta, quantity: a.quantity,
      expectedQuantity: a.expected_quantity, reason: a.reason, reference: a.reference,
    }));
    let results;
    try {
      results = await applyStockAdjustments(deps.flow, rows);
    } catch (error) {
      if (!(error instanceof RowFailure)) throw error;
      const e = fromDomainError(error.error);
      const field = e.source?.pointer?.split('/').at(-1) ?? 'delta';
      throw new ApiError(e.code, `row ${error.row}: ${e.detail}`, { pointer: `/data/${error.row}/attributes/${field}`, meta: { ...e.meta, row: error.row } });
    }
    const ids = [...new Set(results.map((r) => r.stockItemId))];
    const items = await deps.flow.db.kysely.selectFrom('stock_items').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(items.map((i) => [i.id, i]));
    const options = { baseUrl: baseUrl(request), mode: deps.mode };
    const data = results.map((r, row) => {
      const item = toResourceObject(stockItems as unknown as ResourceDefinition, byId.get(r.stockItemId)!, options);
      return { ...item, meta: { ...item.meta, row, delta: toDecimal(r.delta), reason: r.reason, quantity_after: toDecimal(r.quantityAfter), stock_movement_id: r.movementId } };
    });
    return reply.type(MEDIA_TYPE).send({ data, meta: { record_count: data.length } });
  });
}

const baseUrl = (r: FastifyRequest) => `${r.protocol}://${r.host}`;
