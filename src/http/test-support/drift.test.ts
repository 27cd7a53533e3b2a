// The drift check itself: a response that differs from its documented schema, or a status
// the route does not document, is recorded and makes closing the app fail.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installDriftCheck } from './drift.js';

const documented = {
  200: { description: 'OK', content: { 'application/json': { schema: { type: 'object', required: ['n'], additionalProperties: false, properties: { n: { type: 'integer' } } } } } },
};

describe('drift check', () => {
  it('passes a matching response, records a mismatch and an undocumented status, and fails on close', async () => {
    const app = Fastify();
    const drift = installDriftCheck(app);
    app.get('/ok', { schema: { response: documented } }, async () => ({ n: 1 }));
    app.get('/wrong', { schema: { response: documented } }, async (_request, reply) => reply.type('application/json').send(JSON.stringify({ n: 'one' })));
    app.get('/teapot', { schema: { response: documented } }, async (_request, reply) => reply.code(418 as 200).send({ n: 1 }));
    await app.ready();
    expect((await app.inject('/ok')).statusCode).toBe(200);
    expect(drift.failures).toEqual([]);
    await app.inject('/wrong');
    await app.inject('/teapot');
    expect(drift.failures).toHaveLength(2);
    expect(drift.failures[0]).toContain('GET /wrong → 200: /n must be integer');
    expect(drift.failures[1]).toContain('status 418 is not documented');
    await expect(app.close()).rejects.toThrow(/differ from \/openapi\.json/);
  });
});
