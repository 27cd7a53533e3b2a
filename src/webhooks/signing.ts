// Webhook signatures by the Standard Webhooks specification (standardwebhooks.com), with the
// maintained `standardwebhooks` library: every delivery carries
//   webhook-id         the event's id, the same on every retry (receivers de-duplicate on it)
//   webhook-timestamp  seconds since the epoch when this attempt was sent
//   webhook-signature  v1,<base64 HMAC-SHA256 of "id.timestamp.body">
// Secrets are `whsec_<base64 key>`. A secret in any other form (webhooks created before
// Stockroute adopted the convention, or a secret a shop chose) keeps working: its UTF-8
// bytes are the key, which is the same key as `whsec_` + base64 of those bytes.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { validation } from '../domain/errors.js';

export const SECRET_PREFIX = 'whsec_';

/** A new secret: 32 random bytes, `whsec_`-prefixed base64. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The library's signer for a stored secret of either form. */
export function webhookFor(secret: string): Webhook {
  if (secret.startsWith(SECRET_PREFIX)) return new Webhook(secret);
  return new Webhook(new Uint8Array(Buffer.from(secret, 'utf8')), { format: 'raw' });
}

/** The `whsec_` form of a secret of either form (the same key). */
export function standardSecret(secret: string): string {
  return secret.startsWith(SECRET_PREFIX) ? secret : `${SECRET_PREFIX}${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/** Refuses a `whsec_` secret whose key is not base64 or is too short, naming the field. */
export function checkWebhookSecret(secret: string): void {
  if (!secret.startsWith(SECRET_PREFIX)) return;
  const key = secret.slice(SECRET_PREFIX.length);
  const valid = /^[A-Za-z0-9+/]+={0,2}$/.test(key) && key.length % 4 === 0;
  if (!valid || Buffer.from(key, 'base64').length < 16) {
    throw validation('shared_secret', 'a whsec_ secret must be whsec_ followed by the base64 of at least 16 bytes');
  }
}

/** The three Standard Webhooks headers of one delivery attempt. */
export function signedHeaders(eventId: string, at: Date, body: string, secret: string): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': webhookFor(secret).sign(eventId, at, body),
  };
}
