// Browser origins as they appear in an Origin header, in an application's allowed_origins and
// in STOCKROUTE_CORS_ORIGINS: `scheme://host[:port]` exactly as a browser serialises it
// (lowercase host, no default port, no path, no trailing slash), so matching is string equality.
//
// Who may call from which origin (the rule every check here implements):
// - an application's own allowed_origins always admit that application's tokens;
// - STOCKROUTE_CORS_ORIGINS (or `*`) admits sales-channel tokens only: their tokens are meant
//   for client-side use, an integration's are not;
// - a preflight carries no token, so it is answered for an origin that any application or the
//   global list admits; the actual request is then checked against the calling application.

export const ANY_ORIGIN = '*';

export type OriginCheck = { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly suggestion?: string };

/** Is `value` a browser origin written the way a browser sends it? Suggests the canonical form. */
export function checkOrigin(value: string): OriginCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false };
  if (url.username || url.password) return { ok: false };
  if (url.origin === value) return { ok: true, origin: value };
  return { ok: false, suggestion: url.origin };
}

/** STOCKROUTE_CORS_ORIGINS: comma-separated origins, or `*`; empty or unset = none. */
export function parseOriginList(raw: string | undefined, variable = 'STOCKROUTE_CORS_ORIGINS'): readonly string[] {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const item of items) {
    if (item === ANY_ORIGIN) continue;
    const checked = checkOrigin(item);
    if (!checked.ok) {
      const hint = checked.suggestion ? ` (did you mean ${checked.suggestion}?)` : '';
      throw new Error(`${variable}: "${item}" is not an origin like https://shop.example.com${hint}`);
    }
  }
  return items;
}

export interface Caller {
  readonly kind: 'integration' | 'sales_channel';
  readonly allowedOrigins: readonly string[];
}

/** May this application's token be used by a page on `origin`? */
export function originAdmits(origin: string, caller: Caller, globalOrigins: readonly string[]): boolean {
  if (caller.allowedOrigins.includes(origin)) return true;
  if (caller.kind !== 'sales_channel') return false;
  return globalOrigins.includes(ANY_ORIGIN) || globalOrigins.includes(origin);
}

/** An application's allowed_origins as sent by a client; each must be an origin. */
export function originProblems(values: readonly string[]): { readonly index: number; readonly message: string }[] {
  return values.flatMap((value, index) => {
    const checked = checkOrigin(value);
    if (checked.ok) return [];
    const hint = checked.suggestion ? `, e.g. ${checked.suggestion}` : ', e.g. https://shop.example.com';
    return [{ index, message: `allowed_origins[${index}] "${value}" is not a browser origin: write scheme://host[:port] with no path${hint}` }];
  });
}
