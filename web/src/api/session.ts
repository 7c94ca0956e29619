import type { SessionTokens, SessionUser } from './types';

// The login session lives in sessionStorage: it ends with the tab and is never shared between tabs.

const KEY = 'orderly.session';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

/** The stored session, or null. */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    return s.accessToken && s.refreshToken && s.user ? (s as Session) : null;
  } catch {
    return null;
  }
}

/** Stores the tokens of a login or refresh. */
export function saveSession(t: SessionTokens): Session {
  const s: Session = { accessToken: t.accessToken, refreshToken: t.refreshToken, user: t.user };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

/** Forgets the session. */
export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
