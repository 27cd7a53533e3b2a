// Every /api request needs `Authorization: Bearer <token>`; the decoded caller is attached
// to the request as `request.auth` for the resource routes (which check roles and scopes).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import type { AuthContext } from './context.js';
import { verifyToken } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new ApiError('UNAUTHORIZED', 'send Authorization: Bearer <access token>');
  return request.auth;
}

export function installAuth(app: FastifyInstance, key: () => Promise<Uint8Array>, now: () => Date): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') && request.url !== '/api') return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new ApiError('UNAUTHORIZED', 'send Authorization: Bearer <access token>');
    request.auth = await verifyToken(await key(), match[1], now());
  });
}
