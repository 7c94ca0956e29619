import type { ResourceSummary } from '../../api/catalogue';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { ResourceStatusBadge } from './status-badge';

// Search results as cards: name (to the resource page), code and provider, the level badge and the share,
// open, format and update-cycle tags, the summary and when it was published. In "my catalogue" the
// lifecycle state is shown too (drafts and withdrawn resources are listed there).

export function ResourceList({ items, showStatus }: { items: ResourceSummary[]; showStatus: boolean }) {
  const { t, label, dateTime } = useI18n();
  return (
    <ul className="resource-list" data-testid="catalogue-results">
      {items.map((r) => (
        <li key={r.id} className="resource-card" data-testid="resource-card" data-code={r.code}>
          <div className="resource-card-head">
            <Link to={`/catalogue/resources/${r.id}`} className="resource-name" testId="resource-link">
              {r.name}
            </Link>
            <LevelBadge level={r.level} />
            {showStatus && <ResourceStatusBadge status={r.status} />}
          </div>
          <div className="resource-meta muted">
            <code>{r.code}</code>
            <span>{r.provider.name ?? t('catalogue.browse.unknownProvider')}</span>
            {r.lastPublishedAt ? (
              <span>{t('catalogue.browse.publishedAt', { date: dateTime(r.lastPublishedAt) })}</span>
            ) : (
              <span>{t('catalogue.browse.updatedAt', { date: dateTime(r.updatedAt) })}</span>
            )}
          </div>
          {r.summary && <p className="resource-summary">{r.summary}</p>}
          <div className="tags">
            <span className={`tag share-${r.shareType}`}>{label('catalogue.shareType.', r.shareType)}</span>
            <span className={`tag open-${r.openType}`}>{label('catalogue.openType.', r.openType)}</span>
            <span className="tag">{label('catalogue.format.', r.format)}</span>
            <span className="tag">{label('catalogue.updateCycle.', r.updateCycle)}</span>
            <span className="tag">{label('catalogue.category.', r.category)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
