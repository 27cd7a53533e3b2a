// A tiny JSON:API client for test set-up and checks (the browser does the real work).
const MEDIA = 'application/vnd.api+json';

export interface Res {
  readonly id: string;
  readonly type: string;
  readonly attributes: Record<string, unknown>;
  readonly relationships?: Record<string, { data?: { id: string; type: string } | { id: string; type: string }[] | null }>;
}

/** A document: `data` is one resource or a list, depending on the path. */
export interface Doc {
  readonly data: Res & Res[];
  readonly included?: Res[];
  readonly meta?: Record<string, unknown>;
}

type Rels = Record<string, { type: string; id: string }>;

export class ApiClient {
  private constructor(readonly baseUrl: string, private readonly token: string) {}

  static async login(baseUrl: string, clientId: string, clientSecret: string): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return new ApiClient(baseUrl, ((await res.json()) as { access_token: string }).access_token);
  }

  async request(method: string, path: string, body?: unknown): Promise<Doc> {
    const res = await fetch(`${this.baseUrl}/api/${path}`, {
      method,
      headers: { Accept: MEDIA, Authorization: `Bearer ${this.token}`, ...(body ? { 'Content-Type': MEDIA } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /api/${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Doc;
  }

  async create(type: string, attributes: Record<string, unknown>, relationships: Rels = {}): Promise<Res> {
    const rel = Object.fromEntries(Object.entries(relationships).map(([k, v]) => [k, { data: v }]));
    return (await this.request('POST', type, { data: { type, attributes, relationships: rel } })).data;
  }

  async update(type: string, id: string, attributes: Record<string, unknown>): Promise<Res> {
    return (await this.request('PATCH', `${type}/${id}`, { data: { type, id, attributes } })).data;
  }

  async get(path: string): Promise<Doc> {
    return this.request('GET', path);
  }
}

export const ref = (type: string, r: { id: string }) => ({ type, id: r.id });
