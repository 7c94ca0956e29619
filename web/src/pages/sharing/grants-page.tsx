import { useState } from 'react';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { DataTable, type Column } from '../../components/data-table';
import { FilterSelect } from '../../components/filter-select';
import { useI18n } from '../../i18n/i18n';
import { useHasRole } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { orgName } from './format';
import { ResourceName } from './names';
import { listGrants } from './sharing-api';
import { SharingBadge } from './sla-badge';
import { GRANT_STATUSES, type Grant, type GrantBox, type GrantStatus } from './types';

// 共享授权: the grants the caller's organisation holds as consumer or issued as provider (the bureau sees
// all), with status and validity.

const LIMIT = 100;

export function GrantsPage() {
  const { t, label } = useI18n();
  const consumer = useHasRole('consumer');
  const approver = useHasRole('approver');
  const reviewer = useHasRole('reviewer');
  const boxes: GrantBox[] = [
    ...(consumer ? (['consumer'] as const) : []),
    ...(approver ? (['provider'] as const) : []),
    ...(reviewer ? (['all'] as const) : []),
  ];
  const [box, setBox] = useState<GrantBox>(boxes[0] ?? 'all');
  const [status, setStatus] = useState<GrantStatus | ''>('');
  const list = useResource(() => listGrants({ box, status, limit: LIMIT }), `${box}:${status}`);
  const columns: Column<Grant>[] = [
    {
      key: 'resource',
      header: t('sharing.queue.resource'),
      render: (g) => (
        <Link to={`/sharing/grants/${g.id}`} testId="grant-link">
          <ResourceName id={g.resourceId} />
        </Link>
      ),
    },
    { key: 'provider', header: t('sharing.grant.provider'), render: (g) => orgName(g.provider) },
    { key: 'consumer', header: t('sharing.app.consumer'), render: (g) => orgName(g.consumer) },
    {
      key: 'items',
      header: t('sharing.part.items'),
      render: (g) => g.scope.items.map((i) => i.code).join(t('sharing.sep')),
    },
    {
      key: 'status',
      header: t('sharing.grant.status'),
      render: (g) => <SharingBadge prefix="sharing.grantStatus." value={g.status} testId="grant-status" />,
    },
    {
      key: 'validity',
      header: t('sharing.grant.validity'),
      className: 'nowrap',
      render: (g) => `${g.validFrom} ~ ${g.validUntil}`,
    },
  ];
  return (
    <div className="page-sharing">
      <p className="page-hint">{t('sharing.grants.hint')}</p>
      <section className="card toolbar toolbar-filters">
        {boxes.length > 1 && (
          <FilterSelect
            label={t('sharing.box')}
            value={box}
            onChange={(v) => setBox(v as GrantBox)}
            testId="grant-box"
            options={boxes.map((b) => ({ value: b, label: label('sharing.grantBox.', b) }))}
          />
        )}
        <FilterSelect
          label={t('sharing.grant.status')}
          value={status}
          onChange={(v) => setStatus(v as GrantStatus | '')}
          testId="grant-status-filter"
          options={[
            { value: '', label: t('common.all') },
            ...GRANT_STATUSES.map((s) => ({ value: s, label: label('sharing.grantStatus.', s) })),
          ]}
        />
      </section>
      <section className="card">
        <AsyncView resource={list}>
          {(r) => <DataTable columns={columns} rows={r.items} rowKey={(g) => g.id} testId="grants" />}
        </AsyncView>
      </section>
    </div>
  );
}
