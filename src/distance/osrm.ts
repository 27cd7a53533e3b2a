// Distance provider for an OSRM-compatible routing engine, through its Table service:
//   GET {base}/table/v1/{profile}/{lon,lat;lon,lat;…}?sources=0&annotations=distance,duration
// Coordinate 0 is the shipping address, the others the locations that have coordinates, so
// row 0 of the `distances` (metres) and `durations` (seconds) matrices is what we need. A
// null cell means OSRM found no route: that location is unmeasured. Every failure (no
// coordinates, an error code such as NoTable or NoRoute, an HTTP error, a timeout, an
// unreachable server, a malformed answer) becomes `{ kind: 'unavailable', reason }`, never a
// throw, so distance ranking falls back to priority and says why.
import type { DistanceProvider } from '../domain/distance/provider.js';
import type { DistanceEntry, DistanceMode, DistanceTable, LocationInput } from '../domain/routing.js';

export const DEFAULT_OSRM_PROFILES: Readonly<Record<DistanceMode, string>> = {
  driving: 'driving',
  bicycling: 'cycling',
  walking: 'walking',
};

export const DEFAULT_OSRM_TIMEOUT_MS = 5_000;

export interface OsrmOptions {
  /** e.g. http://127.0.0.1:5000 (a path prefix is kept: http://host/osrm → http://host/osrm/table/v1/…) */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  /** OSRM profile name per mode; servers name them differently (car/bike/foot). */
  readonly profiles?: Partial<Record<DistanceMode, string>>;
}

const PROVIDER = 'osrm';

interface OsrmTableResponse {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly distances?: unknown;
  readonly durations?: unknown;
}

export function osrmProvider(options: OsrmOptions): DistanceProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_OSRM_TIMEOUT_MS;
  const profiles = { ...DEFAULT_OSRM_PROFILES, ...options.profiles };

  return {
    name: PROVIDER,
    async measure(destination, locations, mode) {
      const placed = locations.filter(hasCoordinates);
      if (destination === null || destination.lat === null || destination.lng === null) {
        return unavailable('the shipping address has no coordinates');
      }
      if (placed.length === 0) return unavailable('no candidate location has coordinates');

      const coordinates = [destination, ...placed].map((p) => `${p.lng},${p.lat}`).join(';');
      const url = `${base}/table/v1/${encodeURIComponent(profiles[mode])}/${coordinates}?sources=0&annotations=distance,duration`;
      const answer = await fetchTable(url, timeoutMs);
      if (answer.kind === 'failed') return unavailable(answer.reason);

      const row = (matrix: unknown): readonly unknown[] | null =>
        Array.isArray(matrix) && Array.isArray(matrix[0]) && matrix[0].length === placed.length + 1 ? matrix[0] : null;
      const distances = row(answer.body.distances);
      const durations = row(answer.body.durations);
      if (distances === null && durations === null) {
        return unavailable(`OSRM answered Ok without a 1×${placed.length + 1} distance or duration matrix`);
      }

      const entries = new Map<string, DistanceEntry>();
      for (const location of locations) entries.set(location.code, { distanceM: null, durationS: null });
      let measured = 0;
      placed.forEach((location, i) => {
        const entry = { distanceM: cell(distances, i + 1), durationS: cell(durations, i + 1) };
        if (entry.distanceM !== null || entry.durationS !== null) measured += 1;
        entries.set(location.code, entry);
      });
      if (measured === 0) return unavailable(`OSRM found no ${mode} route from the shipping address to any location`);
      return { kind: 'measured', provider: PROVIDER, entries };
    },
  };
}

type Fetched = { readonly kind: 'ok'; readonly body: OsrmTableResponse } | { readonly kind: 'failed'; readonly reason: string };

async function fetchTable(url: string, timeoutMs: number): Promise<Fetched> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    text = await response.text();
  } catch (error) {
    return { kind: 'failed', reason: describeFetchError(error, timeoutMs, url) };
  }
  let body: OsrmTableResponse | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') body = parsed as OsrmTableResponse;
  } catch {
    body = null;
  }
  const code = typeof body?.code === 'string' ? body.code : null;
  const message = typeof body?.message === 'string' ? `: ${body.message}` : '';
  if (code !== null && code !== 'Ok') return { kind: 'failed', reason: `OSRM answered ${code}${message} (HTTP ${response.status})` };
  if (!response.ok) return { kind: 'failed', reason: `OSRM answered HTTP ${response.status}` };
  if (body === null || code === null) return { kind: 'failed', reason: 'OSRM answered with something that is not an OSRM table response' };
  return { kind: 'ok', body };
}

function describeFetchError(error: unknown, timeoutMs: number, url: string): string {
  const origin = new URL(url).origin;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `OSRM at ${origin} did not answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
  return `OSRM at ${origin} is unreachable (${detail})`;
}

function cell(row: readonly unknown[] | null, index: number): number | null {
  const value = row?.[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function hasCoordinates(location: LocationInput): location is LocationInput & { lat: number; lng: number } {
  return location.lat !== null && location.lng !== null;
}

function unavailable(reason: string): DistanceTable {
  return { kind: 'unavailable', provider: PROVIDER, reason };
}
