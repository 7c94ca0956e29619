import { useState } from 'react';
import { listAuditEvents } from '../api/endpoints';
import type { AuditEvent } from '../api/types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { useI18n } from '../i18n/i18n';

// 审计日志: the append-only audit trail, newest first, paged backwards with ?before=<last id>.

const PAGE = 50;

// Ids are UUIDv7: the leading characters are a timestamp shared by neighbours, the tail is random.
function short(id: string | null): string {
  return id ? `…${id.slice(-8)}` : '';
}

export function AuditPage() {
  const { t, label, dateTime } = useI18n();
  const first = useResource(() => listAuditEvents(undefined, PAGE));
  const [more, setMore] = useState<AuditEvent[]>([]);
  const [end, setEnd] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const columns: Column<AuditEvent>[] = [
    { key: 'time', header: t('audit.time'), render: (e) => dateTime(e.occurredAt), className: 'nowrap' },
    { key: 'action', header: t('audit.action'), render: (e) => <code>{e.action}</code> },
    {
      key: 'actor',
      header: t('audit.actor'),
      render: (e) => (
        <span title={e.actorId ?? ''}>
          {label('actor.', e.actorKind)} <span className="mono muted">{short(e.actorId)}</span>
        </span>
      ),
    },
    {
      key: 'subject',
      header: t('audit.subject'),
      render: (e) => (
        <span title={e.subjectId}>
          {label('subject.', e.subjectType)} <span className="mono muted">{short(e.subjectId)}</span>
        </span>
      ),
    },
    { key: 'org', header: t('audit.org'), render: (e) => <span className="mono">{short(e.orgId)}</span> },
    {
      key: 'request',
      header: t('audit.requestId'),
      render: (e) => <span className="mono muted">{e.requestId}</span>,
    },
  ];

  const loadMore = (rows: AuditEvent[]) => {
    const last = rows[rows.length - 1];
    if (!last) return;
    listAuditEvents(last.id, PAGE).then(
      (page) => {
        setMore((m) => [...m, ...page]);
        if (page.length < PAGE) setEnd(true);
      },
      (e: unknown) => setMoreError(e),
    );
  };

  return (
    <section className="card">
      <p className="page-hint">{t('audit.hint')}</p>
      <AsyncView resource={first}>
        {(rows) => {
          const all = [...rows, ...more];
          return (
            <>
              <DataTable columns={columns} rows={all} rowKey={(e) => e.id} testId="audit-events" />
              {moreError !== null && <ErrorNotice error={moreError} />}
              {!end && rows.length === PAGE && (
                <button type="button" className="btn btn-secondary" onClick={() => loadMore(all)}>
                  {t('common.loadMore')}
                </button>
              )}
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
