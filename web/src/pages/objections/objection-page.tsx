import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { OrgName } from '../sharing/names';
import { useCatalogueResource } from '../sharing/use-catalogue';
import { answers, RATEABLE, rates } from './access';
import { AnswerForm } from './answer-form';
import { DeadlineBadge, ObjectionStatusBadge } from './badges';
import { getObjection } from './objections-api';
import { RateForm, RatingView } from './rate-form';
import { RecordsPanel } from './records-panel';
import { ResolveForm } from './resolve-form';
import { ObjectionTimeline } from './timeline';
import type { ObjectionView } from './types';

// One objection: what was objected to and why, its state and running deadline, the records it names (with
// their current values for the provider's answering roles, as the API gives them), the step the user may
// take now — accept or reject, correct or dismiss, rate — and the history of every step.

export function ObjectionPage({ id }: { id: string }) {
  const o = useResource(() => getObjection(id), id);
  return (
    <div className="page-sharing page-objections">
      <AsyncView resource={o}>{(v) => <ObjectionDetail o={v} onChanged={o.reload} />}</AsyncView>
    </div>
  );
}

function ObjectionDetail({ o, onChanged }: { o: ObjectionView; onChanged: () => void }) {
  const { t, label, dateTime } = useI18n();
  const { user } = useSession();
  const doc = useCatalogueResource(o.resourceId);
  const items = doc?.items ?? [];
  const itemLabel = (code: string) => items.find((i) => i.code === code)?.label ?? code;
  const provider = answers(o, user);
  const raiser = rates(o, user);

  return (
    <>
      <section
        className="card objection-head"
        data-testid="objection"
        data-id={o.id}
        data-status={o.status}
        data-outcome={o.outcome ?? ''}
      >
        <div className="part-head">
          <h2 className="app-title">
            <Link to={`/catalogue/resources/${o.resourceId}`}>{doc?.name ?? o.resourceId.slice(0, 8)}</Link>
          </h2>
          <ObjectionStatusBadge status={o.status} />
          {o.outcome && o.status === 'archived' && (
            <span className="muted" data-testid="objection-outcome">
              {label('objections.status.', o.outcome)}
            </span>
          )}
          {o.deadline?.sla && <DeadlineBadge deadline={o.deadline} />}
        </div>
        {o.escalatedAt && (
          <div className="notice notice-warn" data-testid="objection-escalated">
            {t('objections.detail.escalated', { at: dateTime(o.escalatedAt) })}
          </div>
        )}
        <dl className="part-facts">
          <dt>{t('objections.field.type')}</dt>
          <dd data-testid="objection-type">{label('objections.type.', o.type)}</dd>
          <dt>{t('objections.field.raiser')}</dt>
          <dd>
            <OrgName id={o.raiser?.id ?? null} fallback={o.raiser?.name} />
          </dd>
          <dt>{t('objections.field.provider')}</dt>
          <dd>
            <OrgName id={o.provider?.id ?? null} fallback={o.provider?.name} />
          </dd>
          <dt>{t('objections.field.grant')}</dt>
          <dd>
            {o.grantId ? (
              <code title={o.grantId}>…{o.grantId.slice(-6)}</code>
            ) : (
              t('objections.detail.noGrant')
            )}
          </dd>
          <dt>{t('objections.field.items')}</dt>
          <dd data-testid="objection-items">
            {o.items.length === 0
              ? t('common.none')
              : o.items.map((c) => (
                  <span key={c} className="item-chip" data-code={c}>
                    {itemLabel(c)} <code className="muted small">{c}</code>
                  </span>
                ))}
          </dd>
          <dt>{t('objections.field.description')}</dt>
          <dd className="pre-line" data-testid="objection-description">
            {o.description}
          </dd>
          <dt>{t('objections.field.documents')}</dt>
          <dd>
            {o.documents.length === 0
              ? t('common.none')
              : o.documents.map((d) => (
                  <span
                    key={d.digest}
                    className="item-chip"
                    title={d.digest}
                    data-testid="objection-document"
                  >
                    {d.name}
                  </span>
                ))}
          </dd>
          <dt>{t('objections.field.createdAt')}</dt>
          <dd>{dateTime(o.createdAt)}</dd>
          {o.deadline?.stage && (
            <>
              <dt>{t('objections.field.deadline')}</dt>
              <dd data-testid="objection-due">
                {label('objections.stage.', o.deadline.stage)}
                {' · '}
                {t('objections.due', { date: o.deadline.dueDate ?? o.deadline.dueAt.slice(0, 10) })}
                {o.deadline.workingDays !== null && (
                  <span className="muted">
                    {' '}
                    {t('objections.detail.workingDays', { n: o.deadline.workingDays })}
                  </span>
                )}
              </dd>
            </>
          )}
          {o.answer && (
            <>
              <dt>{t('objections.detail.answeredAt')}</dt>
              <dd>{dateTime(o.answer.at)}</dd>
            </>
          )}
          {o.reason && (
            <>
              <dt>
                {o.outcome === 'corrected' ? t('objections.detail.note') : t('objections.detail.reason')}
              </dt>
              <dd className="pre-line" data-testid="objection-reason">
                {o.reason}
              </dd>
            </>
          )}
          {o.resolved && (
            <>
              <dt>{t('objections.detail.resolvedAt')}</dt>
              <dd>{dateTime(o.resolved.at)}</dd>
            </>
          )}
          {o.rating && (
            <>
              <dt>{t('objections.rate.title')}</dt>
              <dd>
                <RatingView rating={o.rating} />
              </dd>
            </>
          )}
        </dl>
      </section>

      <RecordsPanel o={o} items={items} />

      {provider && o.status === 'raised' && <AnswerForm o={o} onDone={onChanged} />}
      {provider && o.status === 'accepted' && <ResolveForm o={o} items={items} onDone={onChanged} />}
      {raiser && RATEABLE.includes(o.status) && <RateForm o={o} onDone={onChanged} />}

      <section className="card">
        <h3>{t('objections.history.title')}</h3>
        <ObjectionTimeline
          entries={o.history}
          orgNames={new Map([o.raiser, o.provider].flatMap((g) => (g ? [[g.id, g.name] as const] : [])))}
        />
      </section>
    </>
  );
}
