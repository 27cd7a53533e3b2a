// Every resource the API serves. To add one, write its definition file (see define.ts) and
// list it here; routes, validation and OpenAPI follow.
import type { ResourceDefinition } from './define.js';
import { addresses } from './addresses.js';
import { applications } from './applications.js';
import { inventoryModels } from './inventory-models.js';
import { inventoryReturnLocations, inventoryStockLocations } from './inventory-locations.js';
import { markets } from './markets.js';
import { shippingCategories } from './shipping-categories.js';
import { skus } from './skus.js';
import { reservedStocks, stockMovements, stockReservations } from './stock-ledger-views.js';
import { stockItems } from './stock-items.js';
import { stockLocations } from './stock-locations.js';
import { webhooks } from './webhooks.js';
import { lineItems } from './line-items.js';
import { orders } from './orders.js';
import { shipments } from './shipments.js';
import { stockLineItems } from './stock-line-items.js';
import { stockTransfers } from './stock-transfers.js';
import { returnLineItems, returns } from './returns.js';
import { sourceSelections } from './source-selections.js';
import { reoptimizationRuns } from './reoptimization-runs.js';

export const resources: readonly ResourceDefinition[] = [
  addresses, stockLocations, shippingCategories, skus, stockItems, reservedStocks, stockReservations, stockMovements,
  markets, inventoryModels, inventoryStockLocations, inventoryReturnLocations, applications, webhooks,
  orders, lineItems, shipments, stockLineItems, stockTransfers, sourceSelections, returns, returnLineItems,
  reoptimizationRuns,
] as unknown as readonly ResourceDefinition[];

const byType = new Map(resources.map((r) => [r.type, r]));

export const lookup = (type: string): ResourceDefinition | undefined => byType.get(type);
