import { useState, type FormEvent } from 'react';
import { login } from '../api/auth';
import { ApiError } from '../api/errors';
import type { Session } from '../api/session';
import { ErrorNotice } from '../components/error-notice';
import { LanguageSwitch } from '../layout/language-switch';
import { useI18n } from '../i18n/i18n';
import { Link } from '../nav/router';

// 登录: username and password; when the server answers TOTP_REQUIRED (the three duties), a 6-digit code
// field appears and the form is sent again with it. Server errors are shown as they come. A link leads to the
// public receipt verification (/verify), which needs no login.

export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: Session) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [hint, setHint] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setHint(t('login.required'));
    if (needTotp && !/^\d{6}$/.test(totpCode)) return setHint(t('login.totpFormat'));
    setHint(null);
    setError(null);
    setBusy(true);
    try {
      onLoggedIn(await login({ username: username.trim(), password, ...(needTotp && { totpCode }) }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setNeedTotp(true);
      } else {
        setError(err);
        setTotpCode('');
      }
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setNeedTotp(false);
    setTotpCode('');
    setError(null);
  };

  return (
    <div className="login-screen">
      <header className="login-top">
        <LanguageSwitch />
      </header>
      <div className="login-body">
        <section className="login-brand">
          <div className="brand-mark large" aria-hidden="true">
            {t('app.mark')}
          </div>
          <h1>{t('app.name')}</h1>
          <p className="login-title">{t('app.title')}</p>
          <p className="login-subtitle">{t('app.subtitle')}</p>
        </section>
        <form className="card login-card" onSubmit={(e) => void submit(e)} noValidate>
          <h2>{t('login.heading')}</h2>
          <p className="muted">{needTotp ? t('login.totpHint') : t('login.intro')}</p>
          <label className="field">
            <span>{t('login.username')}</span>
            <input
              name="username"
              autoComplete="username"
              value={username}
              disabled={needTotp}
              maxLength={40}
              autoFocus
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              disabled={needTotp}
              maxLength={200}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {needTotp && (
            <label className="field">
              <span>{t('login.totp')}</span>
              <input
                name="totpCode"
                className="totp-input"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{6}"
                maxLength={6}
                value={totpCode}
                autoFocus
                onChange={(e) => setTotpCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              />
            </label>
          )}
          {hint && (
            <p className="field-hint" role="alert">
              {hint}
            </p>
          )}
          {error !== null && <ErrorNotice error={error} />}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
            {needTotp && (
              <button type="button" className="btn btn-secondary" onClick={back} disabled={busy}>
                {t('login.back')}
              </button>
            )}
          </div>
          <p className="login-notice">{t('login.notice')}</p>
          <p className="login-verify-link">
            <Link to="/verify" testId="login-verify">
              {t('login.verifyLink')}
            </Link>
          </p>
        </form>
      </div>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
