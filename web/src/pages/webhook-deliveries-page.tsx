import { listDeliveries } from '../api/ops-endpoints';
import type { Delivery } from '../api/ops-types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { StateBadge } from '../components/badges';
import { DataTable, type Column } from '../components/data-table';
import { useI18n } from '../i18n/i18n';
import { Link } from '../nav/router';

// 投递记录 (/webhooks/<id>): the webhook's recent deliveries, newest first, each with every attempt
// (time, HTTP status or error, duration). Deliveries are at least once; receivers deduplicate by id.

export function WebhookDeliveriesPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const deliveries = useResource(() => listDeliveries(id), id);
  const none = t('common.none');
  const columns: Column<Delivery>[] = [
    { key: 'event', header: t('webhooks.eventType'), render: (d) => <code>{d.eventType}</code> },
    {
      key: 'status',
      header: t('webhooks.status'),
      render: (d) => <StateBadge prefix="deliveryStatus." value={d.status} />,
    },
    { key: 'attempts', header: t('webhooks.attempts'), render: (d) => <Attempts delivery={d} /> },
    {
      key: 'lastError',
      header: t('webhooks.lastError'),
      render: (d) => (d.lastError ? <span className="error-text">{d.lastError}</span> : none),
    },
    {
      key: 'created',
      header: t('webhooks.createdAt'),
      render: (d) => dateTime(d.createdAt),
      className: 'nowrap',
    },
    {
      key: 'delivered',
      header: t('webhooks.deliveredAt'),
      render: (d) => dateTime(d.deliveredAt),
      className: 'nowrap',
    },
  ];
  return (
    <section className="card">
      <p className="page-hint">{t('webhooks.deliveriesHint')}</p>
      <p className="muted small">
        {t('webhooks.id')}
        {t('common.colon')}
        <code>{id}</code>
      </p>
      <div className="toolbar toolbar-split">
        <Link to="/webhooks">‹ {t('webhooks.back')}</Link>
        <button type="button" className="btn btn-secondary btn-small" onClick={deliveries.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <AsyncView resource={deliveries}>
        {(rows) => <DataTable columns={columns} rows={rows} rowKey={(d) => d.id} testId="deliveries" />}
      </AsyncView>
    </section>
  );
}

function Attempts({ delivery }: { delivery: Delivery }) {
  const { t, dateTime } = useI18n();
  if (delivery.attempts.length === 0) return <span className="muted">{t('webhooks.noAttempts')}</span>;
  return (
    <ol className="attempts" data-testid="delivery-attempts">
      {delivery.attempts.map((a) => {
        const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
        return (
          <li key={a.attempt} className={ok ? 'ok' : 'failed'}>
            <span className="attempt-no">#{a.attempt}</span> <span className="nowrap">{dateTime(a.at)}</span>{' '}
            <strong>{a.statusCode !== null ? `HTTP ${a.statusCode}` : t('webhooks.noResponse')}</strong>{' '}
            <span className="muted">{t('webhooks.duration', { ms: a.durationMs })}</span>
            {a.error && <span className="error-text"> · {a.error}</span>}
          </li>
        );
      })}
    </ol>
  );
}
