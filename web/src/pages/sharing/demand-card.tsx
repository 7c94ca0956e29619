import { useState } from 'react';
import { listOrganisations } from '../../api/endpoints';
import { useAction } from '../../api/use-action';
import { useResource } from '../../api/use-resource';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { useHasRole, useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { orgName } from './format';
import { ReasonAction } from './reason-form';
import { actorName, HistoryList, useActorWords } from './history-list';
import { answerDemand, closeDemand, getDemand, routeDemand } from './sharing-api';
import { SharingBadge, SlaBadge } from './sla-badge';
import type { Demand, DemandAnswerKind, DemandAnswerInput } from './types';

// One demand with what the viewer may do: the bureau routes an open demand to a provider; the provider's
// approver answers a routed one (will publish by a date / exists as a resource / cannot, why); the consumer
// who posted it, or the bureau, closes it with a reason.

export function DemandCard({ demand: d, onChanged }: { demand: Demand; onChanged: (d: Demand) => void }) {
  const { t, label, dateTime } = useI18n();
  const myOrg = useSession().user.orgId;
  const reviewer = useHasRole('reviewer');
  const approver = useHasRole('approver');
  const consumer = useHasRole('consumer');
  const live = d.status === 'open' || d.status === 'routed';
  const canClose = live && (reviewer || (consumer && d.consumer?.id === myOrg));

  return (
    <section className="card demand-card" data-testid="demand" data-status={d.status} data-id={d.id}>
      <div className="part-head">
        <h3>{d.title}</h3>
        <SharingBadge prefix="sharing.demandStatus." value={d.status} testId="demand-status" />
        {d.status === 'routed' && d.deadline?.sla && (
          <SlaBadge
            sla={{
              stage: 'demand',
              state: d.deadline.sla,
              dueAt: d.deadline.dueAt,
              remainingWorkingDays: d.deadline.workingDaysLeft ?? 0,
            }}
          />
        )}
      </div>
      <dl className="part-facts">
        <dt>{t('sharing.app.consumer')}</dt>
        <dd>{orgName(d.consumer)}</dd>
        <dt>{t('sharing.field.purpose')}</dt>
        <dd className="pre-line">{d.purpose}</dd>
        {d.description && (
          <>
            <dt>{t('sharing.demand.description')}</dt>
            <dd className="pre-line">{d.description}</dd>
          </>
        )}
        {d.suggestedOrg && (
          <>
            <dt>{t('sharing.demand.suggestedOrg')}</dt>
            <dd>{orgName(d.suggestedOrg)}</dd>
          </>
        )}
        {d.provider && (
          <>
            <dt>{t('sharing.demand.routedTo')}</dt>
            <dd>
              {orgName(d.provider)} <span className="muted">{dateTime(d.routedAt)}</span>
            </dd>
          </>
        )}
        {d.answer && (
          <>
            <dt>{t('sharing.demand.answer')}</dt>
            <dd data-testid="demand-answer">
              {label('sharing.demand.answer.', d.answer.kind)}
              {d.answer.expectedDate && ` · ${d.answer.expectedDate}`}
              {d.answer.resourceId && (
                <>
                  {' · '}
                  <Link to={`/catalogue/resources/${d.answer.resourceId}`}>
                    {t('sharing.demand.openResource')}
                  </Link>
                </>
              )}
              {d.answer.reason && ` · ${d.answer.reason}`}
              {d.answer.comment && ` · ${d.answer.comment}`}
            </dd>
          </>
        )}
        {d.closed?.reason && (
          <>
            <dt>{t('sharing.demand.closeReason')}</dt>
            <dd>{d.closed.reason}</dd>
          </>
        )}
        <dt>{t('sharing.demand.createdAt')}</dt>
        <dd>{dateTime(d.createdAt)}</dd>
      </dl>
      <div className="action-row">
        {reviewer && d.status === 'open' && <RouteForm demand={d} onDone={onChanged} />}
        {approver && d.status === 'routed' && d.provider?.id === myOrg && (
          <AnswerForm demand={d} onDone={onChanged} />
        )}
        <DemandHistory id={d.id} version={d.updatedAt} />
        {canClose && (
          <ReasonAction
            label={t('sharing.demand.close')}
            fieldLabel={t('sharing.demand.closeReason')}
            testId="demand-close"
            run={(reason) => closeDemand(d.id, reason)}
            onDone={onChanged}
          />
        )}
      </div>
    </section>
  );
}

function RouteForm({ demand, onDone }: { demand: Demand; onDone: (d: Demand) => void }) {
  const { t } = useI18n();
  const orgs = useResource(() => listOrganisations());
  const [org, setOrg] = useState(demand.suggestedOrg?.id ?? '');
  const action = useAction();
  return (
    <span className="inline-form" data-testid="demand-route">
      <select
        value={org}
        aria-label={t('sharing.demand.routeTo')}
        onChange={(e) => setOrg(e.target.value)}
        data-testid="demand-route-org"
      >
        <option value="">{t('sharing.demand.routeTo')}</option>
        {(orgs.data ?? [])
          .filter((o) => o.id !== demand.consumer?.id && !o.isOperator)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
      </select>
      <button
        type="button"
        className="btn btn-primary btn-small"
        disabled={!org || action.busy}
        onClick={() => void action.run(() => routeDemand(demand.id, org)).then((d) => d && onDone(d))}
        data-testid="demand-route-send"
      >
        {t('sharing.demand.route')}
      </button>
      {action.error !== null && <ErrorNotice error={action.error} />}
    </span>
  );
}

function AnswerForm({ demand, onDone }: { demand: Demand; onDone: (d: Demand) => void }) {
  const { t, label } = useI18n();
  const [kind, setKind] = useState<DemandAnswerKind>('will_publish');
  const [text, setText] = useState('');
  const action = useAction();
  const body = (): DemandAnswerInput =>
    kind === 'will_publish'
      ? { answer: kind, expectedDate: text }
      : kind === 'exists'
        ? { answer: kind, resourceId: text.trim() }
        : { answer: kind, reason: text.trim() };
  return (
    <span className="inline-form" data-testid="demand-answer-form">
      <select
        value={kind}
        aria-label={t('sharing.demand.answer')}
        onChange={(e) => {
          setKind(e.target.value as DemandAnswerKind);
          setText('');
        }}
        data-testid="demand-answer-kind"
      >
        {(['will_publish', 'exists', 'cannot'] as const).map((k) => (
          <option key={k} value={k}>
            {label('sharing.demand.answer.', k)}
          </option>
        ))}
      </select>
      <input
        type={kind === 'will_publish' ? 'date' : 'text'}
        value={text}
        aria-label={label('sharing.demand.answerField.', kind)}
        placeholder={label('sharing.demand.answerField.', kind)}
        onChange={(e) => setText(e.target.value)}
        data-testid="demand-answer-text"
      />
      <button
        type="button"
        className="btn btn-primary btn-small"
        disabled={!text.trim() || action.busy}
        onClick={() => void action.run(() => answerDemand(demand.id, body())).then((d) => d && onDone(d))}
        data-testid="demand-answer-send"
      >
        {t('sharing.demand.answerSend')}
      </button>
      {action.error !== null && <ErrorNotice error={action.error} />}
    </span>
  );
}

/** The demand's history, read when asked for (the list does not carry it). */
function DemandHistory({ id, version }: { id: string; version: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const words = useActorWords();
  const [open, setOpen] = useState(false);
  const full = useResource(() => (open ? getDemand(id) : Promise.resolve(null)), `${id}:${version}:${open}`);
  return (
    <span className="demand-history">
      <button
        type="button"
        className="btn btn-link"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="demand-history-toggle"
      >
        {open ? t('sharing.demand.hideHistory') : t('sharing.demand.showHistory')}
      </button>
      {open && full.data && (
        <HistoryList
          testId="demand-history"
          rows={full.data.history.map((h, i) => ({
            key: `${h.at}:${i}`,
            at: h.at,
            action: h.action,
            actor: actorName(h.actor, words, user.id),
            comment: h.note,
          }))}
        />
      )}
      {open && full.error !== undefined && full.error !== null && <ErrorNotice error={full.error} />}
    </span>
  );
}
