import { useCallback, useEffect, useState } from 'react';
import { logout } from './api/auth';
import { setSessionEndedHandler } from './api/client';
import { loadSession, type Session } from './api/session';
import { PublicFrame } from './layout/public-frame';
import { Shell } from './layout/shell';
import { HOME_PATH, matchPublicRoute } from './nav/pages';
import { navigate, usePath } from './nav/router';
import { LoginPage } from './pages/login-page';

// Login page or the console, depending on whether this tab holds a session. Without one, a public page
// (/verify) is shown in the public frame instead of the login page; every other path asks to log in first.

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const path = usePath();

  useEffect(() => setSessionEndedHandler(() => setSession(null)), []);

  const onLoggedIn = useCallback((s: Session) => {
    setSession(s);
    // A deep link opened before login is kept (the shell redirects it if the roles do not show it).
    if (window.location.pathname === '/') navigate(HOME_PATH, true);
  }, []);

  const onLogout = useCallback(() => {
    void logout().finally(() => {
      setSession(null);
      navigate('/', true);
    });
  }, []);

  if (!session) {
    const open = matchPublicRoute(path);
    return open ? <PublicFrame page={open.page} /> : <LoginPage onLoggedIn={onLoggedIn} />;
  }
  // Keyed by user: a different login starts with fresh page state.
  return <Shell key={session.user.id} session={session} onLogout={onLogout} />;
}
