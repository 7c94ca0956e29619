import { useState } from 'react';
import { listOrganisations } from '../api/endpoints';
import { listWebhooks, updateWebhook } from '../api/ops-endpoints';
import type { Webhook } from '../api/ops-types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { StatusBadge } from '../components/badges';
import { DataTable, type Column } from '../components/data-table';
import { ErrorNotice } from '../components/error-notice';
import { FilterSelect } from '../components/filter-select';
import { useI18n } from '../i18n/i18n';
import { useHasRole, useSession } from '../layout/session-context';
import { Link } from '../nav/router';
import { WebhookForm } from './webhook-form';

// 接口订阅: an organisation's webhooks — signed HTTP callbacks for event types such as alert.* — created,
// disabled and re-enabled here, each with its delivery log. An org_admin manages their own organisation's;
// the sysadmin picks any organisation.

export function WebhooksPage() {
  const { t } = useI18n();
  const session = useSession();
  const sysadmin = useHasRole('sysadmin');
  const [orgId, setOrgId] = useState(session.user.orgId);
  const hooks = useResource(() => listWebhooks(orgId), orgId);
  return (
    <div className="page-webhooks">
      <p className="page-hint">{t('webhooks.hint')}</p>
      {sysadmin && <OrgPicker orgId={orgId} onChange={setOrgId} />}
      <WebhookForm key={orgId} orgId={orgId} onCreated={hooks.reload} />
      <section className="card">
        <h3>{t('webhooks.list')}</h3>
        <AsyncView resource={hooks}>
          {(rows) => <WebhookTable rows={rows} onChanged={hooks.reload} />}
        </AsyncView>
      </section>
    </div>
  );
}

function OrgPicker({ orgId, onChange }: { orgId: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const orgs = useResource(() => listOrganisations());
  return (
    <section className="card toolbar toolbar-filters">
      <AsyncView resource={orgs}>
        {(list) => (
          <FilterSelect
            label={t('webhooks.organisation')}
            value={orgId}
            onChange={onChange}
            testId="webhook-org"
            options={list.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
      </AsyncView>
    </section>
  );
}

function WebhookTable({ rows, onChanged }: { rows: Webhook[]; onChanged: () => void }) {
  const { t, dateTime } = useI18n();
  const action = useAction();
  const setStatus = async (w: Webhook, status: Webhook['status']) => {
    if (await action.run(() => updateWebhook(w.id, { status }))) onChanged();
  };
  const columns: Column<Webhook>[] = [
    { key: 'url', header: t('webhooks.url'), render: (w) => <span className="mono break">{w.url}</span> },
    {
      key: 'events',
      header: t('webhooks.events'),
      render: (w) => (
        <span className="tags">
          {w.events.map((e) => (
            <code key={e} className="tag">
              {e}
            </code>
          ))}
        </span>
      ),
    },
    {
      key: 'description',
      header: t('webhooks.description'),
      render: (w) => w.description ?? t('common.none'),
    },
    { key: 'status', header: t('webhooks.status'), render: (w) => <StatusBadge status={w.status} /> },
    {
      key: 'created',
      header: t('webhooks.createdAt'),
      render: (w) => dateTime(w.createdAt),
      className: 'nowrap',
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'nowrap',
      render: (w) => (
        <span className="row-actions">
          <Link to={`/webhooks/${w.id}`} className="btn btn-small btn-secondary" testId="webhook-deliveries">
            {t('webhooks.deliveries')}
          </Link>
          {w.status === 'active' ? (
            <button
              type="button"
              className="btn btn-small btn-danger"
              disabled={action.busy}
              onClick={() => void setStatus(w, 'disabled')}
              data-testid="webhook-disable"
            >
              {t('webhooks.disable')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small btn-secondary"
              disabled={action.busy}
              onClick={() => void setStatus(w, 'active')}
              data-testid="webhook-enable"
            >
              {t('webhooks.enable')}
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <DataTable columns={columns} rows={rows} rowKey={(w) => w.id} testId="webhooks" />
    </>
  );
}
