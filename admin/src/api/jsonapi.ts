// JSON:API document shapes and helpers to follow relationships through `included`.
export interface Identifier {
  readonly type: string;
  readonly id: string;
}

export interface Relationship {
  readonly data?: Identifier | Identifier[] | null;
}

export interface Resource<A = Record<string, unknown>> {
  readonly id: string;
  readonly type: string;
  readonly attributes: A;
  readonly relationships?: Readonly<Record<string, Relationship>>;
}

export interface ListMeta {
  readonly record_count?: number;
  readonly page_count?: number;
}

export interface Document<D> {
  readonly data: D;
  readonly included?: Resource[];
  readonly meta?: ListMeta;
}

export type AnyResource = Resource<Record<string, unknown>>;

/** The identifiers a relationship points at (empty when absent or not loaded). */
export function relIds(resource: AnyResource | Resource<object>, name: string): Identifier[] {
  const data = resource.relationships?.[name]?.data;
  if (!data) return [];
  return Array.isArray(data) ? data : [data];
}

/** An index of included resources by `type:id`, to resolve relationships. */
export class Included {
  private readonly byKey = new Map<string, AnyResource>();

  constructor(resources: readonly AnyResource[] = []) {
    for (const r of resources) this.byKey.set(`${r.type}:${r.id}`, r);
  }

  get<A>(id: Identifier | undefined): Resource<A> | undefined {
    return id ? (this.byKey.get(`${id.type}:${id.id}`) as Resource<A> | undefined) : undefined;
  }

  one<A>(resource: AnyResource | Resource<object>, name: string): Resource<A> | undefined {
    return this.get<A>(relIds(resource, name)[0]);
  }

  many<A>(resource: AnyResource | Resource<object>, name: string): Resource<A>[] {
    return relIds(resource, name)
      .map((id) => this.get<A>(id))
      .filter((r): r is Resource<A> => r !== undefined);
  }

  ofType<A>(type: string): Resource<A>[] {
    return [...this.byKey.values()].filter((r) => r.type === type) as Resource<A>[];
  }
}
