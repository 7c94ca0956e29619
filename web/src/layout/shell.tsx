import { useEffect } from 'react';
import type { Session } from '../api/session';
import { RoleTags } from '../components/badges';
import { useI18n } from '../i18n/i18n';
import { HOME_PATH, pagesFor } from '../nav/pages';
import { navigate, usePath } from '../nav/router';
import { LanguageSwitch } from './language-switch';
import { SideNav } from './side-nav';

// The frame after login: top bar (brand, user, language, logout), role-aware side menu, the current page.

export function Shell({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const { t } = useI18n();
  const path = usePath();
  const pages = pagesFor(session.user.roles);
  const page = pages.find((p) => p.path === path);

  // Unknown paths, and pages this user's roles do not show, go to the overview.
  useEffect(() => {
    if (!page) navigate(HOME_PATH, true);
  }, [page]);

  const Page = page?.component;
  return (
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
          {/* Extension point: the inbox (消息) and alert (告警) indicators go here once those APIs exist. */}
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
        <SideNav pages={pages} current={path} />
        <main className="content">
          {page && (
            <>
              <div className="breadcrumb muted">
                {t('shell.home')} / {t(page.label)}
              </div>
              <h1 className="page-title">{t(page.label)}</h1>
            </>
          )}
          {Page && <Page />}
        </main>
      </div>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
