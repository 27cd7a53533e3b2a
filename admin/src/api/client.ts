// The one place that talks HTTP to /api: bearer token, JSON:API media type, error objects
// turned into ApiError, and a 401 ending the session (the app then shows the login page).
import type { AnyResource, Document, Resource } from './jsonapi.js';
import { ApiError, type ApiErrorObject } from './errors.js';
import { currentSession, logout } from './session.js';
import { MEDIA_TYPE } from './media-type.js';

export type Params = Readonly<Record<string, string | number | undefined>>;

/** `/api/orders?filter[q][status_eq]=placed&page[number]=2` from a path and flat params. */
export function url(path: string, params: Params = {}): string {
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/api/${path}${query ? `?${query}` : ''}`;
}

async function request<T>(method: string, target: string, body?: unknown): Promise<T> {
  const session = currentSession();
  const headers: Record<string, string> = { Accept: MEDIA_TYPE };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = MEDIA_TYPE;
  const res = await fetch(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const parsed = parseJson(text);
  if (!res.ok) {
    const errors = (parsed as { errors?: ApiErrorObject[] } | undefined)?.errors ?? [
      { title: `HTTP ${res.status}`, detail: res.statusText || text.slice(0, 200) || 'Request failed' },
    ];
    if (res.status === 401) logout();
    throw new ApiError(res.status, errors);
  }
  return parsed as T;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export function getDoc<D>(path: string, params?: Params): Promise<Document<D>> {
  return request<Document<D>>('GET', url(path, params));
}

/** Every page of a list (for small admin grids), following page[number] to page_count. */
export async function getAll<A>(path: string, params: Params = {}): Promise<Document<Resource<A>[]>> {
  const data: Resource<A>[] = [];
  const included: AnyResource[] = [];
  for (let page = 1; ; page++) {
    const doc = await getDoc<Resource<A>[]>(path, { ...params, 'page[size]': 25, 'page[number]': page });
    data.push(...doc.data);
    included.push(...(doc.included ?? []));
    if (page >= (doc.meta?.page_count ?? 1) || doc.data.length === 0) break;
  }
  return { data, included, meta: { record_count: data.length, page_count: 1 } };
}

interface Write {
  readonly attributes?: Record<string, unknown>;
  readonly relationships?: Record<string, { data: { type: string; id: string } | null }>;
}

export function create<A>(type: string, body: Write): Promise<Document<Resource<A>>> {
  return request('POST', url(type), { data: { type, ...body } });
}

export function update<A>(type: string, id: string, body: Write, params?: Params): Promise<Document<Resource<A>>> {
  return request('PATCH', url(`${type}/${id}`, params), { data: { type, id, ...body } });
}

/** Fires a trigger attribute such as `_picking` or `_submit`. */
export function trigger<A>(type: string, id: string, name: string, params?: Params): Promise<Document<Resource<A>>> {
  return update<A>(type, id, { attributes: { [`_${name}`]: true } }, params);
}

export function remove(type: string, id: string): Promise<void> {
  return request('DELETE', url(`${type}/${id}`));
}
