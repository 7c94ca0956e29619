import { api, publicApi } from './client';
import { clearSession, saveSession, type Session } from './session';
import type { SessionTokens } from './types';

// Login and logout. A TOTP_REQUIRED error from login means: ask for the 6-digit code and send again.

export interface Credentials {
  username: string;
  password: string;
  totpCode?: string;
}

/** Logs in and stores the session. */
export async function login(c: Credentials): Promise<Session> {
  const body = { username: c.username, password: c.password, ...(c.totpCode && { totpCode: c.totpCode }) };
  return saveSession(await publicApi<SessionTokens>('POST', '/api/v1/auth/login', body));
}

/** Ends the session on the server (best effort) and forgets it here. */
export async function logout(): Promise<void> {
  try {
    await api<void>('POST', '/api/v1/auth/logout');
  } catch {
    // The server may already consider the session over; the local one ends regardless.
  } finally {
    clearSession();
  }
}
