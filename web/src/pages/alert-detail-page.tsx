import { useState } from 'react';
import { getAlert } from '../api/ops-endpoints';
import type { Alert } from '../api/ops-types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { SeverityBadge, StateBadge } from '../components/badges';
import { useI18n } from '../i18n/i18n';
import { Link } from '../nav/router';
import { AlertActions } from './alert-actions';

// 告警详情 (/alerts/<id>): everything about one alert, and for its responsible role the acknowledge and
// resolve actions (AlertActions). Other roles see it read-only.

function short(id: string | null | undefined): string {
  return id ? `…${id.slice(-8)}` : '';
}

export function AlertDetailPage({ id }: { id: string }) {
  const alert = useResource(() => getAlert(id), id);
  return <AsyncView resource={alert}>{(a) => <AlertDetail initial={a} />}</AsyncView>;
}

function AlertDetail({ initial }: { initial: Alert }) {
  const { t, label, dateTime } = useI18n();
  const [a, setA] = useState(initial);
  const none = t('common.none');
  return (
    <div className="alert-detail">
      <section className={`card alert-card sev-${a.severity}`} data-testid="alert-detail">
        <div className="alert-heading">
          <SeverityBadge severity={a.severity} />
          <h2>{a.title}</h2>
          <span data-testid="alert-status">
            <StateBadge prefix="alertStatus." value={a.status} />
          </span>
        </div>
        {a.detail && <p className="alert-text">{a.detail}</p>}
        <dl className="fields">
          <dt>{t('alerts.type')}</dt>
          <dd className="mono">{a.type}</dd>
          <dt>{t('alerts.source')}</dt>
          <dd className="mono">{a.source}</dd>
          <dt>{t('alerts.subject')}</dt>
          <dd>
            {label('subject.', a.subject.type)} <span className="mono muted">{a.subject.id}</span>
          </dd>
          <dt>{t('alerts.responsible')}</dt>
          <dd>{label('role.', a.responsibleRole)}</dd>
          <dt>{t('alerts.occurrences')}</dt>
          <dd>{a.occurrences}</dd>
          <dt>{t('alerts.raisedAt')}</dt>
          <dd>{dateTime(a.raisedAt)}</dd>
          <dt>{t('alerts.lastSeenAt')}</dt>
          <dd>{dateTime(a.lastSeenAt)}</dd>
          <dt>{t('alerts.acknowledgedAt')}</dt>
          <dd>
            {a.acknowledged ? (
              <>
                {dateTime(a.acknowledged.at)} <span className="mono muted">{short(a.acknowledged.by)}</span>
              </>
            ) : (
              none
            )}
          </dd>
          <dt>{t('alerts.resolvedAt')}</dt>
          <dd>
            {a.resolved ? (
              <>
                {dateTime(a.resolved.at)} <span className="mono muted">{short(a.resolved.by)}</span>
              </>
            ) : (
              none
            )}
          </dd>
          {a.resolved?.resolution && (
            <>
              <dt>{t('alerts.resolution')}</dt>
              <dd className="pre-line" data-testid="alert-resolution">
                {a.resolved.resolution}
              </dd>
            </>
          )}
        </dl>
      </section>
      <AlertActions alert={a} onChanged={setA} />
      <p>
        <Link to="/alerts">‹ {t('alerts.back')}</Link>
      </p>
    </div>
  );
}
