import { useMemo } from 'react';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { DataTable, type Column } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { byUrgency, stageSla } from './format';
import { OrgName, ResourceName, useCachedApplication, type ApplicationCache } from './names';
import { getQueue } from './sharing-api';
import { SlaBadge } from './sla-badge';
import type { QueueEntry } from './types';

// 审核队列: what waits for the caller — a provider approver's parts to decide, the bureau's pre-reviews,
// mediations and escalated (overdue) parts — most urgent first, each with its deadline on the working
// calendar. A part's entry links straight to that part on the application page.

export function QueuePage() {
  const { t, label, dateTime } = useI18n();
  const queue = useResource(getQueue);
  // A fresh cache with each load of the queue, so a reload also re-reads the applications.
  const apps = useMemo<ApplicationCache>(() => new Map(), [queue.data]);
  const columns: Column<QueueEntry>[] = [
    {
      key: 'kind',
      header: t('sharing.queue.kind'),
      render: (e) => label('sharing.queue.kind.', e.kind),
    },
    {
      key: 'title',
      header: t('sharing.field.title'),
      render: (e) => (
        <Link to={`/sharing/applications/${e.applicationId}`} testId="queue-open">
          {e.title}
        </Link>
      ),
    },
    {
      key: 'resource',
      header: t('sharing.queue.resource'),
      render: (e) =>
        e.partId ? <PartResource entry={e} cache={apps} /> : t('sharing.queue.wholeApplication'),
    },
    {
      key: 'consumer',
      header: t('sharing.app.consumer'),
      render: (e) => <OrgName id={e.consumerOrgId} fallback={e.consumerOrgName} />,
    },
    {
      key: 'due',
      header: t('sharing.queue.due'),
      className: 'nowrap',
      render: (e) => dateTime(e.deadline.dueAt),
    },
    { key: 'sla', header: t('sharing.sla.title'), render: (e) => <SlaBadge sla={stageSla(e.deadline)} /> },
  ];
  return (
    <div className="page-sharing">
      <p className="page-hint">{t('sharing.queue.hint')}</p>
      <section className="card">
        <div className="toolbar">
          <button type="button" className="btn btn-secondary btn-small" onClick={queue.reload}>
            {t('common.refresh')}
          </button>
        </div>
        <AsyncView resource={queue}>
          {(q) => (
            <DataTable
              columns={columns}
              rows={[...q.items].sort((a, b) => byUrgency(stageSla(a.deadline), stageSla(b.deadline)))}
              rowKey={(e) => `${e.kind}:${e.applicationId}:${e.partId ?? ''}`}
              testId="queue"
              rowClassName={(e) => `queue-row sla-row-${e.deadline.sla ?? 'none'}`}
            />
          )}
        </AsyncView>
      </section>
    </div>
  );
}

/** The resource of a queued part (the queue names the part only). */
function PartResource({ entry, cache }: { entry: QueueEntry; cache: ApplicationCache }) {
  const app = useCachedApplication(cache, entry.applicationId);
  const part = app?.parts.find((p) => p.id === entry.partId);
  return part ? <ResourceName id={part.resourceId} /> : null;
}
