import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { DataTable, type Column } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import { useHasRole, useSession } from '../../layout/session-context';
import { listAccess } from './sharing-api';
import type { AccessEvent, Grant } from './types';

// A grant's use as the exchange recorded it: each access with its time, method, caller, case and how many rows
// (or verification subjects) it returned — the latest ones, exactly as the access view lists them. The console
// adds no totals of its own: a sum over a page would look like a daily figure and would not be one.

const LIMIT = 20;

export function GrantUsage({ grant }: { grant: Grant }) {
  const { t, label, dateTime } = useI18n();
  const { user } = useSession();
  const reviewer = useHasRole('reviewer');
  // The access view is asked from the caller's side of the grant; the bureau reads everything.
  const box =
    grant.consumer.id === user.orgId ? 'consumer' : grant.provider.id === user.orgId ? 'provider' : 'all';
  const access = useResource(
    () =>
      box === 'all' && !reviewer
        ? Promise.resolve({ items: [] })
        : listAccess({ box, grantId: grant.id, limit: LIMIT }),
    `${grant.id}:${box}`,
  );
  const columns: Column<AccessEvent>[] = [
    { key: 'at', header: t('sharing.usage.at'), className: 'nowrap', render: (a) => dateTime(a.at) },
    {
      key: 'method',
      header: t('sharing.usage.method'),
      render: (a) => label('sharing.usage.method.', a.method),
    },
    {
      key: 'caller',
      header: t('sharing.usage.caller'),
      render: (a) => (
        <span title={a.caller.id ?? ''}>
          {a.caller.id === user.id
            ? t('sharing.me')
            : `${label('sharing.usage.caller.', a.caller.kind)} ${a.caller.id ? `…${a.caller.id.slice(-6)}` : ''}`}
        </span>
      ),
    },
    { key: 'case', header: t('sharing.usage.case'), render: (a) => a.caseId ?? t('common.none') },
    { key: 'fields', header: t('sharing.usage.fields'), render: (a) => a.fields.join(t('sharing.sep')) },
    {
      key: 'rows',
      header: t('sharing.usage.rows'),
      className: 'num',
      render: (a) => (a.subjects > 0 ? t('sharing.usage.subjects', { n: a.subjects }) : a.rows),
    },
  ];
  return (
    <section className="card" data-testid="grant-usage">
      <h3>{t('sharing.grant.usage')}</h3>
      <p className="muted small">{t('sharing.usage.hint', { n: LIMIT })}</p>
      <AsyncView resource={access}>
        {(r) => (
          <DataTable columns={columns} rows={r.items} rowKey={(a) => a.eventId} testId="grant-access" />
        )}
      </AsyncView>
    </section>
  );
}
