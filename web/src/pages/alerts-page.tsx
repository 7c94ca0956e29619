import { useState } from 'react';
import { listAlerts } from '../api/ops-endpoints';
import type { Alert, AlertStatus, Severity } from '../api/ops-types';
import { usePaged } from '../api/use-paged';
import { SeverityBadge, StateBadge } from '../components/badges';
import { DataTable, type Column } from '../components/data-table';
import { FilterSelect } from '../components/filter-select';
import { PagedView } from '../components/paged-view';
import { useI18n } from '../i18n/i18n';
import { Link } from '../nav/router';

// 告警: alerts addressed to the user's roles (auditors read all), newest first, filtered by severity and
// status. Each opens its detail, where the responsible role acknowledges and resolves it.

const PAGE = 50;
export const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];
export const ALERT_STATUSES: AlertStatus[] = ['open', 'acknowledged', 'resolved'];

export function AlertsPage() {
  const { t, label, dateTime } = useI18n();
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('');
  const alerts = usePaged(
    (before) =>
      listAlerts({
        severity: (severity || undefined) as Severity | undefined,
        status: (status || undefined) as AlertStatus | undefined,
        before,
        limit: PAGE,
      }),
    PAGE,
    `${severity}|${status}`,
  );
  const columns: Column<Alert>[] = [
    { key: 'severity', header: t('alerts.severity'), render: (a) => <SeverityBadge severity={a.severity} /> },
    {
      key: 'title',
      header: t('alerts.title'),
      render: (a) => (
        <Link to={`/alerts/${a.id}`} className="row-link">
          {a.title}
        </Link>
      ),
    },
    {
      key: 'type',
      header: t('alerts.type'),
      render: (a) => (
        <span className="mono" title={a.source}>
          {a.type}
        </span>
      ),
    },
    {
      key: 'role',
      header: t('alerts.responsible'),
      render: (a) => label('role.', a.responsibleRole),
      className: 'nowrap',
    },
    {
      key: 'status',
      header: t('alerts.status'),
      render: (a) => <StateBadge prefix="alertStatus." value={a.status} />,
    },
    { key: 'count', header: t('alerts.occurrences'), render: (a) => a.occurrences, className: 'num' },
    { key: 'raised', header: t('alerts.raisedAt'), render: (a) => dateTime(a.raisedAt), className: 'nowrap' },
    {
      key: 'last',
      header: t('alerts.lastSeenAt'),
      render: (a) => dateTime(a.lastSeenAt),
      className: 'nowrap',
    },
  ];
  const all = { value: '', label: t('common.all') };
  return (
    <section className="card">
      <p className="page-hint">{t('alerts.hint')}</p>
      <div className="toolbar toolbar-filters">
        <FilterSelect
          label={t('alerts.severity')}
          value={severity}
          onChange={setSeverity}
          testId="alert-severity-filter"
          options={[all, ...SEVERITIES.map((s) => ({ value: s, label: label('severity.', s) }))]}
        />
        <FilterSelect
          label={t('alerts.status')}
          value={status}
          onChange={setStatus}
          testId="alert-status-filter"
          options={[all, ...ALERT_STATUSES.map((s) => ({ value: s, label: label('alertStatus.', s) }))]}
        />
      </div>
      <PagedView paged={alerts}>
        {(rows) => (
          <DataTable
            columns={columns}
            rows={rows}
            rowKey={(a) => a.id}
            rowClassName={(a) => `row-sev-${a.severity}`}
            testId="alerts"
          />
        )}
      </PagedView>
    </section>
  );
}
