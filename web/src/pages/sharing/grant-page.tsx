import type { MaskSpec } from '../../api/catalogue';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { useHasRole, useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { maskText } from '../catalogue/format';
import { filterText } from './filter-text';
import { orgName } from './format';
import { GrantUsage } from './grant-usage';
import { actorName, HistoryList, useActorWords } from './history-list';
import { ReasonAction } from './reason-form';
import { changeGrant, getGrant } from './sharing-api';
import { SharingBadge } from './sla-badge';
import type { Grant } from './types';
import { useCatalogueResource } from './use-catalogue';

// One grant: its scope (items with their masks, row filter, methods, validity, limits, clients, IP ranges,
// purpose), status, its use as the exchange recorded it, and history; and — for the provider's approver or
// the bureau — suspend, resume and revoke with a reason.

export function GrantPage({ id }: { id: string }) {
  const grant = useResource(() => getGrant(id), id);
  return (
    <div className="page-sharing">
      <AsyncView resource={grant}>{(g) => <GrantView grant={g} onChanged={grant.reload} />}</AsyncView>
    </div>
  );
}

function GrantView({ grant: g, onChanged }: { grant: Grant; onChanged: () => void }) {
  const { t, label } = useI18n();
  const session = useSession();
  const actorWords = useActorWords();
  const approver = useHasRole('approver') && g.provider.id === session.user.orgId;
  const reviewer = useHasRole('reviewer');
  // The consumer organisation's consumers read an active API grant's data on 我的数据 (where the exchange
  // decides on every read).
  const browsable =
    useHasRole('consumer') &&
    g.consumer.id === session.user.orgId &&
    g.status === 'active' &&
    g.scope.methods.includes('api');
  const doc = useCatalogueResource(g.resourceId);
  const byCode = new Map((doc?.items ?? []).map((i) => [i.code, i]));
  const s = g.scope;
  const canChange = (approver || reviewer) && (g.status === 'active' || g.status === 'suspended');
  const none = t('common.none');

  return (
    <>
      <section className="card" data-testid="grant" data-status={g.status}>
        <div className="part-head">
          <h2 className="app-title">
            <Link to={`/catalogue/resources/${g.resourceId}`}>{doc?.name ?? g.resourceId}</Link>
          </h2>
          <SharingBadge prefix="sharing.grantStatus." value={g.status} testId="grant-status" />
        </div>
        {g.statusReason && g.status !== 'active' && (
          <div className="notice notice-warn" data-testid="grant-reason">
            {g.statusReason}
          </div>
        )}
        <dl className="part-facts">
          <dt>{t('sharing.grant.provider')}</dt>
          <dd>{orgName(g.provider)}</dd>
          <dt>{t('sharing.app.consumer')}</dt>
          <dd>{orgName(g.consumer)}</dd>
          <dt>{t('sharing.grant.validity')}</dt>
          <dd data-testid="grant-validity">
            {g.validFrom} ~ {g.validUntil}
          </dd>
          <dt>{t('sharing.field.purpose')}</dt>
          <dd className="pre-line">{s.purpose}</dd>
          <dt>{t('sharing.scope.methods')}</dt>
          <dd>{s.methods.map((m) => label('catalogue.method.', m)).join(t('sharing.sep'))}</dd>
          <dt>{t('sharing.scope.rate')}</dt>
          <dd>{s.rateLimitPerMinute ?? t('sharing.grant.platformDefault')}</dd>
          <dt>{t('sharing.scope.quota')}</dt>
          <dd>{s.dailyRowQuota ?? t('sharing.grant.unlimited')}</dd>
          <dt>{t('sharing.scope.clients')}</dt>
          <dd>
            {s.clientIds.map((c) => (
              <code key={c} className="small item-chip">
                {c}
              </code>
            ))}
          </dd>
          <dt>{t('sharing.scope.ipRanges')}</dt>
          <dd>{s.ipRanges.length ? s.ipRanges.join(t('sharing.sep')) : t('sharing.grant.anyIp')}</dd>
          <dt>{t('sharing.app.link')}</dt>
          <dd>
            <Link to={`/sharing/applications/${g.applicationId}`}>{t('sharing.app.open')}</Link>
          </dd>
          {browsable && (
            <>
              <dt>{t('nav.exchangeData')}</dt>
              <dd>
                <Link to={`/exchange/data/${g.id}`} testId="grant-browse">
                  {t('exchange.data.browse')}
                </Link>
              </dd>
            </>
          )}
        </dl>
        {canChange && (
          <div className="action-row" data-testid="grant-actions">
            {g.status === 'active' && (
              <ReasonAction
                label={t('sharing.grant.suspend')}
                fieldLabel={t('sharing.grant.reason')}
                testId="grant-suspend"
                run={(r) => changeGrant(g.id, 'suspend', r)}
                onDone={onChanged}
              />
            )}
            {g.status === 'suspended' && (
              <ReasonAction
                label={t('sharing.grant.resume')}
                fieldLabel={t('sharing.grant.reason')}
                testId="grant-resume"
                run={(r) => changeGrant(g.id, 'resume', r)}
                onDone={onChanged}
              />
            )}
            <ReasonAction
              label={t('sharing.grant.revoke')}
              fieldLabel={t('sharing.grant.revokeReason')}
              danger
              testId="grant-revoke"
              run={(r) => changeGrant(g.id, 'revoke', r)}
              onDone={onChanged}
            />
          </div>
        )}
      </section>

      <section className="card">
        <h3>{t('sharing.grant.items')}</h3>
        <div className="table-wrap">
          <table className="data-table" data-testid="grant-items">
            <thead>
              <tr>
                <th scope="col">{t('catalogue.item.label')}</th>
                <th scope="col">{t('catalogue.item.code')}</th>
                <th scope="col">{t('catalogue.item.level')}</th>
                <th scope="col">{t('sharing.scope.mask')}</th>
                <th scope="col">{t('sharing.grant.loosenReason')}</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((i) => {
                const item = byCode.get(i.code);
                const mask: MaskSpec | null = i.mask ?? item?.defaultMask ?? null;
                return (
                  <tr key={i.code} data-testid="grant-item" data-code={i.code}>
                    <td>{item?.label ?? i.code}</td>
                    <td>
                      <code>{i.code}</code>
                    </td>
                    <td>{item && <LevelBadge level={item.nationalLevel} />}</td>
                    <td data-mask={mask?.kind ?? ''}>{mask ? maskText(mask, t) : none}</td>
                    <td>{s.loosenReasons[i.code] ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h3>{t('sharing.scope.rowFilter')}</h3>
        {s.rowFilter ? (
          <>
            <p data-testid="grant-filter-text">{filterText(s.rowFilter, doc?.items ?? [], t)}</p>
            <pre className="code-block small" data-testid="grant-filter">
              {JSON.stringify(s.rowFilter, null, 2)}
            </pre>
          </>
        ) : (
          <p className="muted" data-testid="grant-filter">
            {t('sharing.grant.noFilter')}
          </p>
        )}
      </section>

      <GrantUsage grant={g} />

      <section className="card">
        <h3>{t('sharing.app.history')}</h3>
        <HistoryList
          testId="grant-history"
          rows={(g.history ?? []).map((h, i) => ({
            key: `${h.at}:${i}`,
            at: h.at,
            action: h.action,
            actor: actorName(h.actor, actorWords, session.user.id),
            comment: h.reason,
          }))}
        />
      </section>
    </>
  );
}
