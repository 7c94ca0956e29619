import { createContext, useContext } from 'react';
import type { Session } from '../api/session';

// The logged-in session for the pages inside the shell (who am I, which roles, which organisation).

export const SessionContext = createContext<Session | null>(null);

/** The current session; only pages inside the shell call it. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the shell');
  return s;
}

/** True when the user holds any of the roles. */
export function useHasRole(...roles: string[]): boolean {
  return useSession().user.roles.some((r) => roles.includes(r));
}
