import { useEffect } from 'react';
import type { Session } from '../api/session';
import { RoleTags } from '../components/badges';
import { useI18n } from '../i18n/i18n';
import { HOME_PATH, matchRoute, pagesFor } from '../nav/pages';
import { Link, navigate, usePath } from '../nav/router';
import { InboxBell } from './inbox-bell';
import { LanguageSwitch } from './language-switch';
import { SessionContext } from './session-context';
import { SideNav } from './side-nav';

// The frame after login: top bar (brand, inbox bell, user, language, logout), role-aware side menu, and the
// current page — a list page, or the detail of one item under it (/alerts/<id>).

export function Shell({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const { t } = useI18n();
  const path = usePath();
  const pages = pagesFor(session.user.roles);
  const match = matchRoute(pages, path);

  // Unknown paths, and pages this user's roles do not show, go to the overview.
  useEffect(() => {
    if (!match) navigate(HOME_PATH, true);
  }, [match]);

  const page = match?.page;
  const Detail = match?.id !== undefined ? page?.detail?.component : undefined;
  const Page = Detail ? undefined : page?.component;
  return (
    <SessionContext.Provider value={session}>
      <div className="shell">
        <header className="top-bar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              {t('app.mark')}
            </span>
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-title">{t('app.title')}</span>
          </div>
          <div className="top-actions">
            <InboxBell />
            <span className="user-chip" data-testid="current-user">
              {session.user.displayName}
              <RoleTags roles={session.user.roles} />
            </span>
            <LanguageSwitch />
            <button type="button" className="btn btn-ghost" onClick={onLogout} data-testid="logout">
              {t('shell.logout')}
            </button>
          </div>
        </header>
        <div className="shell-body">
          <SideNav pages={pages} current={page?.path ?? path} />
          <main className="content">
            {page && (
              <>
                <div className="breadcrumb muted">
                  {t('shell.home')} /{' '}
                  {Detail && page.detail ? (
                    <>
                      <Link to={page.path}>{t(page.label)}</Link> / {t(page.detail.label)}
                    </>
                  ) : (
                    t(page.label)
                  )}
                </div>
                <h1 className="page-title">{t(Detail && page.detail ? page.detail.label : page.label)}</h1>
              </>
            )}
            {Page && <Page />}
            {Detail && match?.id !== undefined && <Detail key={match.id} id={match.id} />}
          </main>
        </div>
        <footer className="app-footer">{t('app.footer')}</footer>
      </div>
    </SessionContext.Provider>
  );
}
