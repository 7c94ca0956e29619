import { useI18n } from '../i18n/i18n';
import type { PageDef } from '../nav/pages';
import { Link } from '../nav/router';
import { LanguageSwitch } from './language-switch';

// The frame of a public page for a visitor without a session (e.g. /verify): the brand, the language switch
// and a way to the login page — no menu, no session.

export function PublicFrame({ page }: { page: PageDef }) {
  const { t } = useI18n();
  const Page = page.component;
  return (
    <div className="shell public-frame">
      <header className="top-bar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            {t('app.mark')}
          </span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-title">{t('app.title')}</span>
        </div>
        <div className="top-actions">
          <LanguageSwitch />
          <Link to="/" className="btn btn-ghost" testId="public-login">
            {t('verify.login')}
          </Link>
        </div>
      </header>
      <main className="content">
        <h1 className="page-title">{t(page.label)}</h1>
        <p className="page-hint">{t('verify.publicIntro')}</p>
        <Page />
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
