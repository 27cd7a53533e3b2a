// The OSRM provider against a local stand-in server (127.0.0.1, port 0) that answers in
// OSRM's documented Table service format, including its error codes.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Destination, LocationInput } from '../domain/routing.js';
import { osrmProvider } from './osrm.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let received: string[];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
});

const json = (status: number, body: unknown): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function aLocation(overrides: Partial<LocationInput> = {}): LocationInput {
  return { code: 'loc', priority: 1, enabled: true, onHold: false, lat: 48.85, lng: 2.35, ...overrides };
}
const munich: Destination = { lat: 48.1, lng: 11.6, countryCode: 'DE', zipCode: '80331' };
const paris = aLocation({ code: 'paris', priority: 1, lat: 48.85, lng: 2.35 });
const vienna = aLocation({ code: 'vienna', priority: 2, lat: 48.2, lng: 16.37 });
const nowhere = aLocation({ code: 'nowhere', priority: 3, lat: null, lng: null });

describe('osrmProvider', () => {
  it('asks the Table service with lon,lat coordinates, the destination first, and reads row 0', async () => {
    handler = json(200, {
      code: 'Ok',
      distances: [[0, 830_512.4, 433_020.1]],
      durations: [[0, 29_250.2, 15_102.7]],
      sources: [{ location: [11.6, 48.1] }],
    });
    const table = await osrmProvider({ baseUrl: `${baseUrl}/` }).measure(munich, [paris, vienna, nowhere], 'driving');

    expect(received).toEqual([
      '/table/v1/driving/11.6,48.1;2.35,48.85;16.37,48.2?sources=0&annotations=distance,duration',
    ]);
    expect(table).toEqual({
      kind: 'measured',
      provider: 'osrm',
      entries: new Map([
        ['paris', { distanceM: 830_512.4, durationS: 29_250.2 }],
        ['vienna', { distanceM: 433_020.1, durationS: 15_102.7 }],
        ['nowhere', { distanceM: null, durationS: null }],
      ]),
    });
  });

  it('maps modes to profiles, configurable per server', async () => {
    handler = json(200, { code: 'Ok', distances: [[0, 1]], durations: [[0, 2]] });
    await osrmProvider({ baseUrl }).measure(munich, [paris], 'bicycling');
    await osrmProvider({ baseUrl }).measure(munich, [paris], 'walking');
    await osrmProvider({ baseUrl: `${baseUrl}/osrm`, profiles: { driving: 'car' } }).measure(munich, [paris], 'driving');
    expect(received.map((url) => url.split('?')[0])).toEqual([
      '/table/v1/cycling/11.6,48.1;2.35,48.85',
      '/table/v1/walking/11.6,48.1;2.35,48.85',
      '/osrm/table/v1/car/11.6,48.1;2.35,48.85',
    ]);
  });

  it('leaves a location unmeasured where OSRM has no route (null cells)', async () => {
    handler = json(200, { code: 'Ok', distances: [[0, null, 433_020]], durations: [[0, null, 15_102]] });
    const table = await osrmProvider({ baseUrl }).measure(munich, [paris, vienna], 'driving');
    expect(table.kind === 'measured' && Object.fromEntries(table.entries)).toEqual({
      paris: { distanceM: null, durationS: null },
      vienna: { distanceM: 433_020, durationS: 15_102 },
    });
  });

  it('is unavailable when no location has a route for the mode', async () => {
    handler = json(200, { code: 'Ok', distances: [[0, null, null]], durations: [[0, null, null]] });
    const table = await osrmProvider({ baseUrl }).measure(munich, [paris, vienna], 'walking');
    expect(table).toEqual({ kind: 'unavailable', provider: 'osrm', reason: 'OSRM found no walking route from the shipping address to any location' });
  });

  it.each([
    ['NoTable', 400, 'No table found'],
    ['NoRoute', 400, 'Impossible route between points'],
    ['InvalidQuery', 400, 'Query string malformed close to position 12'],
    ['TooBig', 400, 'Too many table coordinates'],
  ])('turns OSRM code %s into unavailable with its message', async (code, status, message) => {
    handler = json(status, { code, message });
    const table = await osrmProvider({ baseUrl }).measure(munich, [paris], 'driving');
    expect(table).toEqual({ kind: 'unavailable', provider: 'osrm', reason: `OSRM answered ${code}: ${message} (HTTP ${status})` });
  });

  it('turns an HTTP 500 without an OSRM body into unavailable', async () => {
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    };
    const table = await osrmProvider({ baseUrl }).measure(munich, [paris], 'driving');
    expect(table).toEqual({ kind: 'unavailable', provider: 'osrm', reason: 'OSRM answered HTTP 500' });
  });

  it('turns a malformed Ok answer into unavailable', async () => {
    handler = json(200, { code: 'Ok', distances: [[0]] });
    const table = await osrmProvider({ baseUrl }).measure(munich, [paris], 'driving');
    expect(table).toMatchObject({ kind: 'unavailable', reason: 'OSRM answered Ok without a 1×2 distance or duration matrix' });
  });

  it('gives up after the timeout', async () => {
    handler = (_req, res) => {
      setTimeout(() => json(200, { code: 'Ok', distances: [[0, 1]], durations: [[0, 1]] })(_req, res), 2_000).unref();
    };
    const started = performance.now();
    const table = await osrmProvider({ baseUrl, timeoutMs: 100 }).measure(munich, [paris], 'driving');
    expect(table).toEqual({ kind: 'unavailable', provider: 'osrm', reason: `OSRM at ${baseUrl} did not answer within 100 ms` });
    expect(performance.now() - started).toBeLessThan(1_900);
  });

  it('is unavailable, not throwing, when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const table = await osrmProvider({ baseUrl: `http://127.0.0.1:${port}` }).measure(munich, [paris], 'driving');
    expect(table).toEqual({ kind: 'unavailable', provider: 'osrm', reason: `OSRM at http://127.0.0.1:${port} is unreachable (ECONNREFUSED)` });
  });

  it('does not call the server when there is nothing to measure', async () => {
    handler = json(200, { code: 'Ok' });
    const provider = osrmProvider({ baseUrl });
    expect(await provider.measure({ ...munich, lat: null, lng: null }, [paris], 'driving')).toMatchObject({
      kind: 'unavailable',
      reason: 'the shipping address has no coordinates',
    });
    expect(await provider.measure(munich, [nowhere], 'driving')).toMatchObject({
      kind: 'unavailable',
      reason: 'no candidate location has coordinates',
    });
    expect(received).toEqual([]);
  });
});
