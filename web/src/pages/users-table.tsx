import type { User } from '../api/types';
import { RoleTags, StatusBadge } from '../components/badges';
import { DataTable, type Column } from '../components/data-table';
import { useI18n } from '../i18n/i18n';

// The users table shared by 用户 (platform-wide) and 本单位用户 (one organisation).

export function UsersTable({ users, orgName }: { users: User[]; orgName: (orgId: string) => string }) {
  const { t, dateTime } = useI18n();
  const columns: Column<User>[] = [
    { key: 'username', header: t('user.username'), render: (u) => u.username, className: 'mono' },
    { key: 'name', header: t('user.displayName'), render: (u) => u.displayName },
    { key: 'org', header: t('user.organisation'), render: (u) => orgName(u.orgId) },
    { key: 'roles', header: t('user.roles'), render: (u) => <RoleTags roles={u.roles} /> },
    {
      key: 'totp',
      header: t('user.totp'),
      render: (u) => (u.totpEnabled ? t('common.yes') : t('common.no')),
    },
    {
      key: 'status',
      header: t('user.status'),
      render: (u) => <StatusBadge status={u.status} locked={u.locked} />,
    },
    {
      key: 'created',
      header: t('user.createdAt'),
      render: (u) => dateTime(u.createdAt),
      className: 'nowrap',
    },
  ];
  return <DataTable columns={columns} rows={users} rowKey={(u) => u.id} testId="users" />;
}
