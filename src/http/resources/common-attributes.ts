// The attributes every resource has and a client may always update (API.md): reference,
// reference_origin and metadata. Resources whose own update runs a flow (line items, source
// selections) write these with this helper, so none of the three is silently dropped.
import type { ApiContext, CommonAttributes, ResourceDefinition } from './define.js';
import { defaultUpdate } from './write.js';

/** Writes whichever of reference / reference_origin / metadata the input carries. */
export async function updateCommonAttributes(api: ApiContext, def: ResourceDefinition, id: string, a: CommonAttributes): Promise<void> {
  const common = {
    ...(a.reference !== undefined ? { reference: a.reference } : {}),
    ...(a.reference_origin !== undefined ? { reference_origin: a.reference_origin } : {}),
    ...(a.metadata !== undefined ? { metadata: a.metadata } : {}),
  };
  if (Object.keys(common).length === 0) return;
  await defaultUpdate(api, def, id, { attributes: common, relationships: {} });
}
