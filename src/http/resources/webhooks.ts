// webhooks: subscriptions to event topics; deliveries (src/webhooks/delivery.ts) are signed
// by the Standard Webhooks convention with the shared secret (`whsec_…`), which is generated
// when not given and never shown again.
import { Type } from 'typebox';
import { checkWebhookSecret, newWebhookSecret } from '../../webhooks/signing.js';
import { defineResource } from './define.js';
import { defaultCreate } from './write.js';
import { nullable } from './attribute-types.js';

export const webhooks = defineResource({
  type: 'webhooks',
  table: 'webhooks',
  idPrefix: 'wh',
  attributes: {
    name: { schema: nullable(Type.String({ maxLength: 255 })), filter: true, sort: true },
    topic: { schema: Type.String({ minLength: 1, pattern: '^[a-z_]+\\.[a-z_]+$' }), required: true, filter: true, sort: true },
    callback_url: { schema: Type.String({ pattern: '^https?://\\S+$' }), required: true, filter: true },
    shared_secret: { schema: Type.String({ minLength: 16 }), write: 'create', hidden: true },
    include_resources: { schema: nullable(Type.String()) },
    disabled_at: { schema: nullable(Type.String({ format: 'date-time' })), filter: true },
  },
  access: { adminOnly: true },
  create: async (api, input) => {
    if (input.attributes.shared_secret !== undefined) checkWebhookSecret(input.attributes.shared_secret);
    const sharedSecret = input.attributes.shared_secret ?? newWebhookSecret();
    const id = await defaultCreate(api, webhooks, { ...input, attributes: { ...input.attributes, shared_secret: sharedSecret } });
    return { id, attributes: { shared_secret: sharedSecret } };
  },
});
