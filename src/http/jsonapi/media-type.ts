// JSON:API media type negotiation: /api bodies must be application/vnd.api+json (415
// otherwise) and an Accept header must allow it (406 otherwise). Also registers the body
// parsers: JSON:API documents, and form-encoded bodies for /oauth/token.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

export const MEDIA_TYPE = 'application/vnd.api+json';

const parseJson = (_request: unknown, body: string, done: (err: Error | null, value?: unknown) => void) => {
  if (body.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(body));
  } catch {
    done(new ApiError('BAD_REQUEST', 'the request body is not valid JSON', { pointer: '' }));
  }
};

const mediaOf = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

function acceptsJsonApi(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => ['*/*', 'application/*', MEDIA_TYPE, 'application/json'].includes(mediaOf(part)));
}

export function installMediaTypes(app: FastifyInstance): void {
  app.addContentTypeParser(MEDIA_TYPE, { parseAs: 'string' }, parseJson);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (!acceptsJsonApi(request.headers.accept)) throw new ApiError('NOT_ACCEPTABLE', `the API answers with ${MEDIA_TYPE}; allow it in Accept`);
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && mediaOf(request.headers['content-type']) !== MEDIA_TYPE) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `send request bodies as Content-Type: ${MEDIA_TYPE}`);
    }
  });
}
