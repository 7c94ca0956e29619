import { useState } from 'react';
import { listOrganisations, listUsers } from '../api/endpoints';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { SearchBox } from '../components/search-box';
import { useI18n } from '../i18n/i18n';
import { UsersTable } from './users-table';

// 用户: all platform users with their roles (sysadmin administers them; secadmin assigns roles).

export function UsersPage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const data = useResource(async () => {
    const [users, orgs] = await Promise.all([listUsers(q), listOrganisations()]);
    return { users, orgNames: new Map(orgs.map((o) => [o.id, o.shortName ?? o.name])) };
  }, q);
  return (
    <section className="card">
      <p className="page-hint">{t('users.rolesHint')}</p>
      <div className="toolbar">
        <SearchBox onSearch={setQ} />
      </div>
      <AsyncView resource={data}>
        {(d) => <UsersTable users={d.users} orgName={(id) => d.orgNames.get(id) ?? id} />}
      </AsyncView>
    </section>
  );
}
