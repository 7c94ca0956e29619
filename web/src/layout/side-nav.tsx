import { useI18n } from '../i18n/i18n';
import { GROUP_LABELS, type NavGroup, type PageDef } from '../nav/pages';
import { Link } from '../nav/router';

// The role-aware menu: only the pages the user may open, grouped.

export function SideNav({ pages, current }: { pages: PageDef[]; current: string }) {
  const { t } = useI18n();
  const groups = [...new Set(pages.map((p) => p.group))] as NavGroup[];
  return (
    <nav className="side-nav" aria-label={t('shell.menu')} data-testid="side-nav">
      {groups.map((g) => (
        <div key={g} className="nav-group">
          <div className="nav-group-title">{t(GROUP_LABELS[g])}</div>
          <ul>
            {pages
              .filter((p) => p.group === g)
              .map((p) => (
                <li key={p.id}>
                  <Link
                    to={p.path}
                    className={`nav-link${p.path === current ? ' active' : ''}`}
                    current={p.path === current}
                  >
                    {t(p.label)}
                  </Link>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
