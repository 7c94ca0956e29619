import { listPlatformKeys } from '../api/endpoints';
import type { PlatformKey } from '../api/types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { DataTable, type Column } from '../components/data-table';
import { useI18n } from '../i18n/i18n';

// 平台密钥: the platform keyring's public keys, current and retired (GET /api/v1/platform/keys).

function pemBody(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

export function PlatformKeysPage() {
  const { t, label, dateTime } = useI18n();
  const keys = useResource(listPlatformKeys);
  const columns: Column<PlatformKey>[] = [
    {
      key: 'purpose',
      header: t('keys.purpose'),
      render: (k) => label('keys.purpose.', k.purpose),
      className: 'nowrap',
    },
    {
      key: 'id',
      header: t('keys.id'),
      render: (k) => <span title={k.id}>{k.id.length > 20 ? `${k.id.slice(0, 16)}…` : k.id}</span>,
      className: 'mono nowrap',
    },
    { key: 'alg', header: t('keys.alg'), render: (k) => k.alg, className: 'mono' },
    {
      key: 'state',
      header: t('keys.state'),
      className: 'nowrap',
      render: (k) => (
        <span className={`badge ${k.current ? 'badge-active' : 'badge-disabled'}`}>
          {k.current ? t('keys.current') : t('keys.retired')}
        </span>
      ),
    },
    {
      key: 'public',
      header: t('keys.publicKey'),
      render: (k) => {
        const body = k.publicKeyHex ?? pemBody(k.publicKeyPem);
        return (
          <code className="truncate" title={k.publicKeyPem}>
            {body.length > 28 ? `${body.slice(0, 14)}…${body.slice(-10)}` : body}
          </code>
        );
      },
    },
    {
      key: 'created',
      header: t('keys.createdAt'),
      render: (k) => dateTime(k.createdAt),
      className: 'nowrap',
    },
    {
      key: 'retired',
      header: t('keys.retiredAt'),
      render: (k) => dateTime(k.retiredAt),
      className: 'nowrap',
    },
  ];
  return (
    <section className="card">
      <p className="page-hint">{t('keys.hint')}</p>
      <AsyncView resource={keys}>
        {(rows) => <DataTable columns={columns} rows={rows} rowKey={(k) => k.id} testId="platform-keys" />}
      </AsyncView>
    </section>
  );
}
