import { getMe } from '../api/endpoints';
import type { Me } from '../api/types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { RoleTags, StatusBadge } from '../components/badges';
import { useI18n } from '../i18n/i18n';

// 我的账户: the logged-in user and their organisation, from GET /api/v1/me.

export function AccountPage() {
  const me = useResource(getMe);
  return <AsyncView resource={me}>{(m) => <Account me={m} />}</AsyncView>;
}

function Account({ me }: { me: Me }) {
  const { t, label, dateTime } = useI18n();
  const u = me.user;
  const o = me.organisation;
  const none = t('common.none');
  return (
    <div className="two-columns">
      <section className="card">
        <h2>{t('account.profile')}</h2>
        <dl className="fields" data-testid="account-profile">
          <dt>{t('account.username')}</dt>
          <dd>{u.username}</dd>
          <dt>{t('account.displayName')}</dt>
          <dd>{u.displayName}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{u.email ?? none}</dd>
          <dt>{t('account.phone')}</dt>
          <dd>{u.phone ?? none}</dd>
          <dt>{t('account.roles')}</dt>
          <dd>
            <RoleTags roles={me.roles} />
          </dd>
          <dt>{t('account.totp')}</dt>
          <dd>
            {u.totpEnabled ? t('account.totpOn') : t('account.totpOff')}
            {me.mfa && <span className="muted"> · {t('account.mfa')}</span>}
          </dd>
          <dt>{t('user.status')}</dt>
          <dd>
            <StatusBadge status={u.status} locked={u.locked} />
          </dd>
          <dt>{t('account.createdAt')}</dt>
          <dd>{dateTime(u.createdAt)}</dd>
        </dl>
      </section>
      <section className="card">
        <h2>{t('account.organisation')}</h2>
        <dl className="fields">
          <dt>{t('org.name')}</dt>
          <dd>{o.name}</dd>
          <dt>{t('org.uscc')}</dt>
          <dd className="mono">{o.uscc}</dd>
          <dt>{t('org.region')}</dt>
          <dd>{o.regionName ?? o.regionCode}</dd>
          <dt>{t('org.level')}</dt>
          <dd>{label('level.', o.level)}</dd>
          <dt>{t('org.contact')}</dt>
          <dd>{[o.contact.name, o.contact.phone, o.contact.email].filter(Boolean).join(' · ') || none}</dd>
        </dl>
      </section>
    </div>
  );
}
