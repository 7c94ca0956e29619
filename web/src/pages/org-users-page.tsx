import { getMe, listUsers } from '../api/endpoints';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { useI18n } from '../i18n/i18n';
import { UsersTable } from './users-table';

// 本单位用户: an organisation administrator's own staff (the server limits the list to their organisation).

export function OrgUsersPage() {
  const { t } = useI18n();
  const data = useResource(async () => {
    const [me, users] = await Promise.all([getMe(), listUsers()]);
    return { org: me.organisation, users: users.filter((u) => u.orgId === me.organisation.id) };
  });
  return (
    <AsyncView resource={data}>
      {(d) => (
        <section className="card">
          <p className="page-hint">{t('orgUsers.hint', { org: d.org.name })}</p>
          <UsersTable users={d.users} orgName={() => d.org.shortName ?? d.org.name} />
        </section>
      )}
    </AsyncView>
  );
}
