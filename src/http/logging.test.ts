// Log format: a terminal gets one readable line per request, anything else pino's JSON
// (LOG_FORMAT=json|pretty overrides the guess).
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../store/test-support/engines.js';
import { buildApp } from './app.js';
import { chooseLogFormat, configFromEnv, testConfig, type LogFormat } from './config.js';

describe('chooseLogFormat', () => {
  it.each([
    [undefined, true, 'pretty'], [undefined, false, 'json'], ['', true, 'pretty'],
    ['json', true, 'json'], ['pretty', false, 'pretty'], ['json', false, 'json'],
  ] as const)('LOG_FORMAT=%s on a TTY=%s → %s', (value, tty, format) => {
    expect(chooseLogFormat(value, tty)).toBe(format);
  });

  it('names LOG_FORMAT when its value is unknown', () => {
    expect(() => configFromEnv({ LOG_FORMAT: 'xml' }, true)).toThrow('LOG_FORMAT must be "json" or "pretty", got xml');
  });
});

let db: TestDb;
beforeAll(async () => { db = await openTestDb('pglite'); });
afterAll(async () => { await db.close(); });

async function logsOf(format: LogFormat): Promise<string[]> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  const app = await buildApp({ db, config: testConfig({ logLevel: 'info', logFormat: format }), logDestination: out });
  try {
    await app.inject({ method: 'GET', url: '/health' });
    await app.inject({ method: 'GET', url: '/api/skus' });
  } finally {
    await app.close();
  }
  return text.split('\n').filter((l) => l !== '');
}

describe('request logs', () => {
  it('pretty: one readable line per request, no JSON', { timeout: 180_000 }, async () => {
    const lines = await logsOf('pretty');
    const requests = lines.filter((l) => / (GET) \//.test(l));
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/health 200 [\d.]+ ms$/);
    expect(requests[1]).toMatch(/INFO: GET \/api\/skus 401 [\d.]+ ms$/);
    expect(lines.some((l) => l.startsWith('{'))).toBe(false);
  });

  it('json: pino objects with the request id', { timeout: 180_000 }, async () => {
    const lines = await logsOf('json');
    const objects = lines.map((l) => JSON.parse(l) as { msg?: string; reqId?: string; res?: { statusCode: number } });
    const completed = objects.filter((o) => o.msg === 'request completed');
    expect(completed.map((o) => o.res?.statusCode)).toEqual([200, 401]);
    expect(completed.every((o) => typeof o.reqId === 'string')).toBe(true);
  });
});
