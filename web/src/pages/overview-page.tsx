import { useMemo, type ReactNode } from 'react';
import { getIdentityOverview, getMe } from '../api/endpoints';
import { ApiError } from '../api/errors';
import type { IdentityOverview, Me } from '../api/types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { RoleTags } from '../components/badges';
import { EChart } from '../components/echart';
import { useI18n } from '../i18n/i18n';
import { levelBarOption, regionBarOption, rolePieOption } from './overview-charts';

// 概览: a greeting with the user's organisation and roles, then the platform's identity statistics as
// charts (for roles allowed to read organisations and users; others see why there are none).

export function OverviewPage() {
  const { t } = useI18n();
  const me = useResource(getMe);
  const stats = useResource(getIdentityOverview);
  const forbidden = stats.error instanceof ApiError && stats.error.code === 'FORBIDDEN';
  return (
    <div className="page-overview">
      <AsyncView resource={me}>{(m) => <Welcome me={m} />}</AsyncView>
      {forbidden ? (
        <div className="notice notice-info">{t('overview.noStats')}</div>
      ) : (
        <AsyncView resource={stats}>{(s) => <Statistics stats={s} />}</AsyncView>
      )}
    </div>
  );
}

function Welcome({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <section className="card welcome">
      <h2>{t('overview.welcome', { name: me.user.displayName })}</h2>
      <p className="muted">{t('overview.org', { org: me.organisation.name })}</p>
      <p>
        <span className="muted">
          {t('overview.myRoles')}
          {t('common.colon')}
        </span>
        <RoleTags roles={me.roles} />
      </p>
    </section>
  );
}

function Statistics({ stats }: { stats: IdentityOverview }) {
  const { t, label, locale } = useI18n();
  const options = useMemo(
    () => ({
      level: levelBarOption(stats.organisationsByLevel, (l) => label('level.', l), t('overview.count')),
      role: rolePieOption(stats.usersByRole, (r) => label('role.', r), t('overview.byRole')),
      region: regionBarOption(stats.organisationsByRegion, t('overview.unknownRegion'), t('overview.count')),
    }),
    // `t` and `label` change exactly when the language does.
    [stats, locale],
  );
  const orgCount = stats.organisationsByLevel.reduce((a, r) => a + r.n, 0);
  const grants = stats.usersByRole.reduce((a, r) => a + r.n, 0);
  return (
    <>
      <section className="stat-cards">
        <Stat label={t('overview.orgCount')} value={orgCount} />
        <Stat label={t('overview.regionCount')} value={stats.organisationsByRegion.length} />
        <Stat label={t('overview.roleGrants')} value={grants} />
      </section>
      <section className="chart-grid">
        <ChartCard title={t('overview.byLevel')}>
          <EChart option={options.level} label={t('overview.byLevel')} />
        </ChartCard>
        <ChartCard title={t('overview.byRole')}>
          <EChart option={options.role} label={t('overview.byRole')} />
        </ChartCard>
        <ChartCard title={t('overview.byRegion')} wide>
          <EChart
            option={options.region}
            label={t('overview.byRegion')}
            height={Math.max(220, Math.min(15, stats.organisationsByRegion.length) * 34 + 40)}
          />
        </ChartCard>
      </section>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="card stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function ChartCard(props: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`card chart-card${props.wide ? ' wide' : ''}`}>
      <h3>{props.title}</h3>
      {props.children}
    </div>
  );
}
