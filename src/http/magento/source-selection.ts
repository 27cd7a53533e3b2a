// Magento's Source Selection service over the source-selection flow (a dry run in a stock):
//   GET  /V1/inventory/source-selection-algorithm-list → [{ code, title, description }], one per
//        ranking the engine registers (domain/selection rankingNames()), titled as Magento's;
//   POST /V1/inventory/source-selection-algorithm-result
//        { inventoryRequest: { stockId, items: [{ sku, qty }], extension_attributes:
//          { destination_address: { country, postcode, street, region, city } } }, algorithmCode }
//        → { source_selection_items: [{ source_code, sku, qty_to_deduct, qty_available }], shippable }
// Sources without coordinates are placed by country and postcode (GeoNames) for `distance`.
import { Type } from 'typebox';
import { rankingNames } from '../../domain/selection/index.js';
import type { SelectionItem } from '../../domain/ledger/selection-items.js';
import { createSourceSelection } from '../../flows/source-selections.js';
import type { AddressInput } from '../../flows/orders/create.js';
import { MagentoError, fieldError, validationFailed } from './errors.js';
import { envelope, isRecord, listOf, number, text, type Body } from './input.js';
import { defineRoutes } from './routes.js';
import { modelByStockId } from './stock-records.js';
import { AlgorithmAnswer, SourceSelectionAnswer } from './schemas.js';

const ACL = 'Magento_InventorySourceSelectionApi::source_selection';

/** Magento's titles; a ranking without an entry is listed under its own name. */
const ALGORITHMS: Readonly<Record<string, { title: string; description: string }>> = {
  priority: { title: 'Source Priority', description: 'Algorithm which provides Source Selections based on predefined priority of Source' },
  distance: { title: 'Distance Priority', description: 'Algorithm which provides Source Selections based on shipping address distance from the source' },
  fewest_shipments: { title: 'Fewest Shipments', description: 'Algorithm which provides Source Selections that ship an order in as few shipments as possible, then closest to the shipping address (by priority of Source when it cannot be measured)' },
};

export const algorithmList = () => rankingNames().map((code) => ({ code, ...(ALGORITHMS[code] ?? { title: code, description: code }) }));

function destinationOf(request: Body): AddressInput | undefined {
  const ext = request.extension_attributes;
  const a = isRecord(ext) && isRecord(ext.destination_address) ? ext.destination_address : undefined;
  if (!a) return undefined;
  const street = Array.isArray(a.street) ? a.street.map(String).join(', ') : text(a, 'street');
  return { country_code: text(a, 'country')?.toUpperCase() ?? null, zip_code: text(a, 'postcode') ?? null, city: text(a, 'city') ?? null, state_code: text(a, 'region') ?? null, line_1: street ?? null };
}

const Address = Type.Object({ country: Type.String(), postcode: Type.String(), street: Type.Optional(Type.String()), region: Type.Optional(Type.String()), city: Type.Optional(Type.String()) });

export const sourceSelectionRoutes = defineRoutes([
  {
    method: 'GET', url: '/inventory/source-selection-algorithm-list', summary: 'The source selection algorithms', acl: ACL, response: Type.Array(AlgorithmAnswer),
    handler: async () => algorithmList(),
  },
  {
    method: 'POST', url: '/inventory/source-selection-algorithm-result', summary: 'Run a source selection algorithm for SKU quantities in a stock', acl: ACL, response: SourceSelectionAnswer,
    body: Type.Object({
      inventoryRequest: Type.Object({
        stockId: Type.Integer(), items: Type.Array(Type.Object({ sku: Type.String(), qty: Type.Number() })),
        extension_attributes: Type.Optional(Type.Object({ destination_address: Type.Optional(Address) })),
      }),
      algorithmCode: Type.String({ description: `one of ${rankingNames().join(', ')}` }),
    }),
    handler: async (ctx, request) => {
      const body = isRecord(request.body) ? request.body : {};
      const inventory = envelope(body, 'inventoryRequest');
      const algorithm = text(body, 'algorithmCode') ?? '';
      if (algorithm.trim() === '') throw validationFailed([fieldError('can not be empty.', 'algorithmCode')]);
      const model = await modelByStockId(ctx.db.kysely, number(inventory, 'stockId', 'int') ?? '');
      const items = listOf(inventory, 'items').map((i) => {
        const sku = text(i, 'sku') ?? '';
        const qty = number(i, 'qty');
        if (sku.trim() === '' || qty === undefined) throw validationFailed([fieldError(sku.trim() === '' ? 'can not be empty.' : 'should be numeric.', sku.trim() === '' ? 'sku' : 'qty')]);
        return { skuCode: sku, quantity: qty };
      });
      if (items.length === 0) throw new MagentoError(400, 'Input data is empty');
      const address = destinationOf(inventory);
      const selection = await createSourceSelection(ctx.flow, { inventoryModelId: model.id, items, algorithm, ...(address ? { shippingAddress: address } : {}) });
      return {
        source_selection_items: (selection.items as SelectionItem[]).flatMap((line) => line.sources.map((s) => ({
          source_code: s.stock_location_code, sku: line.sku_code, qty_to_deduct: s.quantity_to_deduct, qty_available: s.quantity_available,
        }))),
        shippable: selection.shippable,
      };
    },
  },
]);
