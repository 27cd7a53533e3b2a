// Every Magento service this API speaks, one file each.
import type { MagentoRoute } from './routes.js';
import { orderRoutes } from './orders.js';
import { productRoutes } from './products.js';
import { salabilityRoutes } from './salability.js';
import { shipRoutes } from './ship.js';
import { sourceSelectionRoutes } from './source-selection.js';
import { sourceItemRoutes } from './source-items.js';
import { sourceRoutes } from './sources.js';
import { linkRoutes } from './stock-source-links.js';
import { stockRoutes } from './stocks.js';
import { tokenRoutes } from './token.js';

export function magentoServices(): MagentoRoute[] {
  return [...tokenRoutes, ...sourceRoutes, ...sourceItemRoutes, ...stockRoutes, ...linkRoutes, ...productRoutes, ...salabilityRoutes, ...sourceSelectionRoutes, ...orderRoutes, ...shipRoutes];
}
