import { ApiError, errorFromBody } from './errors';
import { clearSession, loadSession, saveSession } from './session';
import type { SessionTokens } from './types';

// The one way the console talks to the platform: JSON over fetch, bearer token from the session, and on a
// 401 one refresh (shared by concurrent calls) and a retry. When the refresh fails the session ends and the
// app returns to the login page.

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let onSessionEnded: () => void = () => undefined;
let refreshing: Promise<boolean> | null = null;

/** Registers what happens when the session can no longer be renewed (the app shows the login page). */
export function setSessionEndedHandler(fn: () => void): void {
  onSessionEnded = fn;
}

async function send(method: Method, path: string, body: unknown, token: string | null): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
  }
  if (res.status === 204) return undefined;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) throw errorFromBody(res.status, json);
  return json;
}

async function refreshOnce(): Promise<boolean> {
  refreshing ??= (async () => {
    const s = loadSession();
    if (!s) return false;
    try {
      const t = (await send('POST', '/api/v1/auth/refresh', { refreshToken: s.refreshToken }, null)) as
        SessionTokens | undefined;
      if (!t) return false;
      saveSession(t);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** An authenticated call: refreshes once on 401, else ends the session and rethrows. */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const session = loadSession();
  try {
    return (await send(method, path, body, session?.accessToken ?? null)) as T;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401 || !session) throw e;
  }
  if (await refreshOnce()) {
    const renewed = loadSession();
    try {
      return (await send(method, path, body, renewed?.accessToken ?? null)) as T;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
    }
  }
  clearSession();
  onSessionEnded();
  throw new ApiError(401, 'SESSION_ENDED', 'The session has ended; log in again.');
}

/** A call without a token (login). */
export async function publicApi<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await send(method, path, body, null)) as T;
}

/** A public plain-text read (the signed checkpoint note); errors come in the platform's JSON shape. */
export async function publicText(path: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'text/plain' }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
  }
  const text = await res.text();
  if (res.ok) return text;
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  throw errorFromBody(res.status, json);
}
