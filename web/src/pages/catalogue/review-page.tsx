import { useState } from 'react';
import { getReviewQueue, type ReviewEntry } from '../../api/catalogue';
import { refreshUnread } from '../../api/unread-store';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { DiffSummary, DiffView } from './diff-view';
import { ReviewForm } from './review-form';

// 目录审核 (the bureau's reviewers): submitted versions, oldest first, each with what it changes against the
// published version (a new resource: every item added) and the approve / return decision. A decided entry
// leaves the queue; the steward is told through the inbox.

export function ReviewQueuePage() {
  const { t } = useI18n();
  const queue = useResource(getReviewQueue);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="page-catalogue">
      <p className="page-hint">{t('catalogue.review.hint')}</p>
      {done && (
        <div className="notice notice-success" role="status" data-testid="review-done">
          {done}
        </div>
      )}
      <AsyncView resource={queue}>
        {(entries) =>
          entries.length === 0 ? (
            <section className="card">
              <p className="empty-state" data-testid="review-empty">
                {t('catalogue.review.empty')}
              </p>
            </section>
          ) : (
            <div className="review-queue" data-testid="review-queue">
              {entries.map((e) => (
                <QueueEntry
                  key={`${e.resource.id}:${e.version}`}
                  entry={e}
                  onDecided={(message) => {
                    setDone(message);
                    queue.reload();
                    void refreshUnread();
                  }}
                />
              ))}
            </div>
          )
        }
      </AsyncView>
    </div>
  );
}

function QueueEntry({ entry: e, onDecided }: { entry: ReviewEntry; onDecided: (message: string) => void }) {
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const r = e.resource;
  return (
    <section className="card review-entry" data-testid="review-entry" data-code={r.code}>
      <div className="resource-card-head">
        <Link to={`/catalogue/resources/${r.id}`} className="resource-name" testId="review-open">
          {e.name}
        </Link>
        <LevelBadge level={e.level} />
        <span className="tag">
          {r.publishedVersion === null
            ? t('catalogue.review.newResource')
            : t('catalogue.review.change', { n: r.publishedVersion })}
        </span>
      </div>
      <div className="resource-meta muted">
        <code>{r.code}</code>
        <span>{r.provider.name ?? t('catalogue.browse.unknownProvider')}</span>
        <span>{t('catalogue.resource.versionN', { n: e.version })}</span>
        {e.submittedAt && <span>{t('catalogue.review.submittedAt', { date: dateTime(e.submittedAt) })}</span>}
      </div>
      {r.summary && <p className="resource-summary">{r.summary}</p>}
      <p>
        <DiffSummary diff={e.diff} />{' '}
        <button
          type="button"
          className="btn btn-link"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="review-diff-toggle"
        >
          {open ? t('catalogue.versions.hide') : t('catalogue.versions.show')}
        </button>
      </p>
      {open && <DiffView diff={e.diff} />}
      <ReviewForm
        resourceId={r.id}
        onDecided={(next, decision) =>
          onDecided(
            t(decision === 'approve' ? 'catalogue.review.approved' : 'catalogue.review.returnedDone', {
              name: next.name,
            }),
          )
        }
      />
    </section>
  );
}
