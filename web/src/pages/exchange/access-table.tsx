import { DataTable, type Column } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { OrgName, ResourceName } from '../sharing/names';
import type { Grant } from '../sharing/types';
import type { AccessBox, AccessRow } from './access-boxes';

// The access rows: time, grant, resource, the other party (both in the bureau's view), method, caller, case
// and user references, items, rows or verified subjects. Callers are named by kind and the end of their id —
// users of another organisation cannot be read from the directory — with the full id in the title and in
// data-caller-id.

export function AccessTable({
  rows,
  box,
  grants,
  linkGrants,
}: {
  rows: AccessRow[];
  box: AccessBox;
  /** The grants of the box by id, for the organisations' names. */
  grants: ReadonlyMap<string, Grant>;
  /** Whether the user may open the grant pages (the auditor may not). */
  linkGrants: boolean;
}) {
  const { t, label, dateTime } = useI18n();
  const { user } = useSession();
  const none = t('common.none');
  // The directory names the organisation when the user may read it; else the grant's own naming of it.
  const orgOf = (a: AccessRow, side: 'provider' | 'consumer') => (
    <OrgName
      id={side === 'provider' ? a.providerOrgId : a.consumerOrgId}
      fallback={grants.get(a.grantId)?.[side].name ?? null}
    />
  );
  const columns: Column<AccessRow>[] = [
    { key: 'at', header: t('sharing.usage.at'), className: 'nowrap', render: (a) => dateTime(a.at) },
    {
      key: 'grant',
      header: t('exchange.access.grant'),
      className: 'nowrap',
      render: (a) =>
        linkGrants ? (
          <Link to={`/sharing/grants/${a.grantId}`} title={a.grantId}>
            <code>…{a.grantId.slice(-6)}</code>
          </Link>
        ) : (
          <code title={a.grantId}>…{a.grantId.slice(-6)}</code>
        ),
    },
    {
      key: 'resource',
      header: t('exchange.access.resource'),
      render: (a) => <ResourceName id={a.resourceId} />,
    },
    ...(box !== 'consumer'
      ? [
          {
            key: 'consumer',
            header: t('exchange.access.consumer'),
            render: (a: AccessRow) => orgOf(a, 'consumer'),
          },
        ]
      : []),
    ...(box !== 'provider'
      ? [
          {
            key: 'provider',
            header: t('exchange.access.provider'),
            render: (a: AccessRow) => orgOf(a, 'provider'),
          },
        ]
      : []),
    {
      key: 'method',
      header: t('sharing.usage.method'),
      render: (a) => label('sharing.usage.method.', a.method),
    },
    {
      key: 'caller',
      header: t('sharing.usage.caller'),
      render: (a) => (
        <span
          title={a.caller.id ?? ''}
          data-testid="access-caller"
          data-caller-kind={a.caller.kind}
          data-caller-id={a.caller.id ?? ''}
        >
          {a.caller.id === user.id
            ? t('sharing.me')
            : `${label('sharing.usage.caller.', a.caller.kind)} ${a.caller.id ? `…${a.caller.id.slice(-6)}` : ''}`}
        </span>
      ),
    },
    {
      key: 'case',
      header: t('sharing.usage.case'),
      render: (a) => <span data-testid="access-case">{a.caseId ?? none}</span>,
    },
    { key: 'userRef', header: t('exchange.access.userRef'), render: (a) => a.userRef ?? none },
    { key: 'fields', header: t('sharing.usage.fields'), render: (a) => a.fields.join(t('sharing.sep')) },
    {
      key: 'rows',
      header: t('sharing.usage.rows'),
      className: 'num',
      render: (a) => (a.subjects > 0 ? t('sharing.usage.subjects', { n: a.subjects }) : a.rows),
    },
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(a) => a.id} testId="access" />;
}
