import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { DataTable, type Column } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { orgName } from '../sharing/format';
import { ResourceName } from '../sharing/names';
import { listGrants } from '../sharing/sharing-api';
import type { Grant } from '../sharing/types';

// 我的数据: the organisation's active grants, each leading to its data (records and/or packages). Only active grants are listed — the
// others cannot be read — while a grant opened by link shows the exchange's own refusal.

const LIMIT = 500;

export function MyDataPage() {
  const { t, label } = useI18n();
  const list = useResource(() => listGrants({ box: 'consumer', status: 'active', limit: LIMIT }));
  const columns: Column<Grant>[] = [
    {
      key: 'resource',
      header: t('sharing.queue.resource'),
      render: (g) => <ResourceName id={g.resourceId} />,
    },
    { key: 'provider', header: t('sharing.grant.provider'), render: (g) => orgName(g.provider) },
    {
      key: 'methods',
      header: t('sharing.scope.methods'),
      render: (g) => g.scope.methods.map((m) => label('catalogue.method.', m)).join(t('sharing.sep')),
    },
    {
      key: 'validity',
      header: t('sharing.grant.validity'),
      className: 'nowrap',
      render: (g) => `${g.validFrom} ~ ${g.validUntil}`,
    },
    {
      key: 'open',
      header: t('common.actions'),
      render: (g) => (
        <span data-grant={g.id} data-testid="data-grant">
          <Link to={`/exchange/data/${g.id}`} testId="data-open">
            {g.scope.methods.includes('api') ? t('exchange.data.browse') : t('packages.data.open')}
          </Link>
        </span>
      ),
    },
  ];
  return (
    <div className="page-sharing page-exchange">
      <p className="page-hint">{t('exchange.data.hint')}</p>
      <section className="card">
        <AsyncView resource={list}>
          {(r) => <DataTable columns={columns} rows={r.items} rowKey={(g) => g.id} testId="data-grants" />}
        </AsyncView>
      </section>
    </div>
  );
}
