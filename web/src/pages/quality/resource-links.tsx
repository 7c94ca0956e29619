import type { Resource } from '../../api/catalogue';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { canSeeJobs, holdsData } from './access';

// The ways between a table resource's pages: a card on 资源详情 that leads to 数据质量 (everyone) and
// 数据归集 (the provider's stewards and the bureau's reviewers), and the heading of those two pages with tabs
// back to the resource and across.

export type QualityTab = 'resource' | 'ingest' | 'quality';

/** The card on the resource page; nothing for resources that hold no data. */
export function QualityLinks({ resource: r }: { resource: Resource }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (!holdsData(r)) return null;
  return (
    <section className="card quality-links" data-testid="quality-links">
      <h3>{t('quality.links.title')}</h3>
      <p className="page-hint">{t('quality.links.hint')}</p>
      <div className="action-row">
        {canSeeJobs(user, r) && (
          <Link to={`/catalogue/resources/${r.id}/ingest`} className="btn btn-secondary" testId="link-ingest">
            {t('quality.links.ingest')}
          </Link>
        )}
        <Link to={`/catalogue/resources/${r.id}/quality`} className="btn btn-secondary" testId="link-quality">
          {t('quality.links.quality')}
        </Link>
      </div>
    </section>
  );
}

/** The heading of the ingestion and quality pages: the resource, and tabs between its pages. */
export function QualityHeading({ resource: r, current }: { resource: Resource; current: QualityTab }) {
  const { t } = useI18n();
  const { user } = useSession();
  const tabs: { tab: QualityTab; to: string; label: string }[] = [
    { tab: 'resource', to: `/catalogue/resources/${r.id}`, label: t('catalogue.resource.title') },
    ...(canSeeJobs(user, r)
      ? [
          {
            tab: 'ingest' as const,
            to: `/catalogue/resources/${r.id}/ingest`,
            label: t('quality.links.ingest'),
          },
        ]
      : []),
    { tab: 'quality', to: `/catalogue/resources/${r.id}/quality`, label: t('quality.links.quality') },
  ];
  return (
    <section className="card quality-heading">
      <div className="resource-title">
        <h2 data-testid="resource-name">{r.name}</h2>
        <LevelBadge level={r.level} provincial={r.provincialLevel} />
        <code className="muted">{r.code}</code>
        <span className="muted">{r.provider.name}</span>
      </div>
      <nav className="quality-tabs" aria-label={r.name}>
        {tabs.map((x) => (
          <Link
            key={x.tab}
            to={x.to}
            current={x.tab === current}
            className="quality-tab"
            testId={`tab-${x.tab}`}
          >
            {x.label}
          </Link>
        ))}
      </nav>
    </section>
  );
}
