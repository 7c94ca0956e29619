import { useState } from 'react';
import { listOrganisations } from '../api/endpoints';
import type { Organisation } from '../api/types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { StatusBadge } from '../components/badges';
import { DataTable, type Column } from '../components/data-table';
import { SearchBox } from '../components/search-box';
import { useI18n } from '../i18n/i18n';

// 组织机构: the registered organisations (GET /api/v1/organisations), searchable by name or code.

export function OrganisationsPage() {
  const { t, label, dateTime } = useI18n();
  const [q, setQ] = useState('');
  const orgs = useResource(() => listOrganisations(q), q);
  const columns: Column<Organisation>[] = [
    {
      key: 'name',
      header: t('org.name'),
      render: (o) => (
        <>
          {o.name}
          {o.isOperator && <span className="tag tag-operator">{t('org.operator')}</span>}
        </>
      ),
    },
    { key: 'short', header: t('org.shortName'), render: (o) => o.shortName ?? t('common.none') },
    { key: 'uscc', header: t('org.uscc'), render: (o) => o.uscc, className: 'mono' },
    { key: 'region', header: t('org.region'), render: (o) => o.regionName ?? o.regionCode },
    { key: 'level', header: t('org.level'), render: (o) => label('level.', o.level) },
    { key: 'status', header: t('org.status'), render: (o) => <StatusBadge status={o.status} /> },
    { key: 'created', header: t('org.createdAt'), render: (o) => dateTime(o.createdAt), className: 'nowrap' },
  ];
  return (
    <section className="card">
      <div className="toolbar">
        <SearchBox onSearch={setQ} />
      </div>
      <AsyncView resource={orgs}>
        {(rows) => <DataTable columns={columns} rows={rows} rowKey={(o) => o.id} testId="organisations" />}
      </AsyncView>
    </section>
  );
}
