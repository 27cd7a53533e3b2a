// Strategy `split_by_line_items`: split_shipments, but every line item ships on its own.
// 1. If the primary alone has every SKU of the order, everything ships from the primary;
//    otherwise every line is filled over the ranked candidates.
// 2. One shipment per location × shipping category × line item: two lines never share a
//    shipment, and a line split across locations gets one shipment per location.
// 3. do_not_track lines get their own shipment from the first location that ships anything;
//    do_not_ship items go in no shipment.
import { planSplit } from './split-shipments.js';
import type { Strategy } from './strategy.js';

export const splitByLineItems: Strategy = {
  name: 'split_by_line_items',
  plan: (input) => planSplit(input, true),
};
