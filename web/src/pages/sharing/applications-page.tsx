import { useState } from 'react';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { DataTable, type Column } from '../../components/data-table';
import { FilterSelect } from '../../components/filter-select';
import { useI18n } from '../../i18n/i18n';
import { useHasRole } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { OrgName, ResourceName } from './names';
import { listApplications } from './sharing-api';
import { SharingBadge } from './sla-badge';
import {
  APPLICATION_STATUSES,
  type ApplicationBox,
  type ApplicationStatus,
  type ApplicationSummary,
} from './types';

// 共享申请: the applications the caller's organisation is party to — a consumer's own ("my applications"), or
// those asking a provider's organisation for data — and for the bureau, what waits for it and all of them.
// Each row shows its parts (resource and state); the clocks are on the detail page and the review queue.

const LIMIT = 50;

export function ApplicationsPage() {
  const { t, label, dateTime } = useI18n();
  const consumer = useHasRole('consumer');
  const party = useHasRole('consumer', 'approver');
  const reviewer = useHasRole('reviewer');
  const boxes: ApplicationBox[] = [
    ...(party ? (['mine'] as const) : []),
    ...(reviewer ? (['review', 'all'] as const) : []),
  ];
  const [box, setBox] = useState<ApplicationBox>(boxes[0] ?? 'mine');
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const list = useResource(() => listApplications({ box, status, limit: LIMIT }), `${box}:${status}`);

  const columns: Column<ApplicationSummary>[] = [
    {
      key: 'title',
      header: t('sharing.field.title'),
      render: (a) => (
        <Link to={`/sharing/applications/${a.id}`} testId="app-link">
          {a.title}
        </Link>
      ),
    },
    {
      key: 'consumer',
      header: t('sharing.app.consumer'),
      render: (a) => <OrgName id={a.consumerOrgId} fallback={a.consumerOrgName} />,
    },
    {
      key: 'parts',
      header: t('sharing.app.parts'),
      render: (a) => (
        <ul className="plain-list">
          {a.parts.map((p) => (
            <li key={p.id}>
              <ResourceName id={p.resourceId} />{' '}
              <SharingBadge prefix="sharing.partStatus." value={p.status} />
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'status',
      header: t('sharing.app.status'),
      render: (a) => <SharingBadge prefix="sharing.appStatus." value={a.status} testId="app-status" />,
    },
    {
      key: 'submitted',
      header: t('sharing.app.submittedAt'),
      className: 'nowrap',
      render: (a) => dateTime(a.submittedAt ?? a.createdAt),
    },
  ];

  return (
    <div className="page-sharing">
      <p className="page-hint">{t('sharing.apps.hint')}</p>
      <section className="card toolbar toolbar-filters">
        {boxes.length > 1 && (
          <FilterSelect
            label={t('sharing.box')}
            value={box}
            onChange={(v) => setBox(v as ApplicationBox)}
            testId="app-box"
            options={boxes.map((b) => ({ value: b, label: label('sharing.appBox.', b) }))}
          />
        )}
        <FilterSelect
          label={t('sharing.app.status')}
          value={status}
          onChange={(v) => setStatus(v as ApplicationStatus | '')}
          testId="app-status-filter"
          options={[
            { value: '', label: t('common.all') },
            ...APPLICATION_STATUSES.map((s) => ({ value: s, label: label('sharing.appStatus.', s) })),
          ]}
        />
        {consumer && (
          <span className="toolbar-actions">
            <Link to="/sharing/apply" className="btn btn-primary btn-small" testId="app-new">
              {t('sharing.apply.new')}
            </Link>
          </span>
        )}
      </section>
      <section className="card">
        <AsyncView resource={list}>
          {(r) => (
            <DataTable
              columns={columns}
              rows={r.items}
              rowKey={(a) => a.id}
              testId="applications"
              rowClassName={() => 'app-row'}
            />
          )}
        </AsyncView>
      </section>
    </div>
  );
}
