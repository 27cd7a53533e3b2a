// The signed-in session: the access token from POST /oauth/token, kept in sessionStorage
// (never in a URL) so a reload keeps you signed in until the tab closes or the token expires.
import { useSyncExternalStore } from 'react';
import { ApiError, type ApiErrorObject } from './errors.js';
import { MEDIA_TYPE } from './media-type.js';

export interface Session {
  readonly token: string;
  readonly clientId: string;
  readonly scope: string;
  readonly expiresAt: number;
}

const KEY = 'stockroute.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function parse(raw: string | null): Session | null {
  try {
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function read(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cached.raw) {
    cached = { raw, session: parse(raw) };
  }
  const s = cached.session;
  return s && s.expiresAt > Date.now() ? s : null;
}

function write(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

export function currentSession(): Session | null {
  return read();
}

export function useSession(): Session | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, read);
}

export function logout(): void {
  write(null);
}

interface TokenResponse {
  access_token: string;
  expires_in: number;
  scope?: string;
}

/** Exchanges client credentials for a token; throws ApiError with the server's message. */
export async function login(clientId: string, clientSecret: string): Promise<Session> {
  const res = await fetch('/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: `application/json, ${MEDIA_TYPE}` },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<TokenResponse> & { errors?: ApiErrorObject[]; error_description?: string };
  if (!res.ok || !body.access_token) {
    const errors = body.errors ?? [{ title: 'Login failed', detail: body.error_description ?? `The server answered ${res.status}` }];
    throw new ApiError(res.status, errors);
  }
  const session: Session = {
    token: body.access_token,
    clientId,
    scope: body.scope ?? '',
    expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000,
  };
  write(session);
  return session;
}
