import { useAction } from '../../api/use-action';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { useHasRole, useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { returnComment, stageSla } from './format';
import { actorName, HistoryList, useActorWords } from './history-list';
import { OrgName, ResourceName } from './names';
import { PartCard } from './part-card';
import { PrereviewForm } from './prereview-form';
import { ReasonAction } from './reason-form';
import { getApplication, submitApplication, withdrawApplication } from './sharing-api';
import { SharingBadge, SlaBadge } from './sla-badge';
import type { Application } from './types';

// One application: what it asks and why, each part with its state, clock, decision and grant, and the
// history. The consumer amends a returned application, submits a draft or withdraws; the bureau pre-reviews;
// the parts carry the providers' and the bureau's decisions.

export function ApplicationPage({ id }: { id: string }) {
  const app = useResource(() => getApplication(id), id);
  return (
    <div className="page-sharing">
      <AsyncView resource={app}>{(a) => <ApplicationView app={a} onChanged={app.reload} />}</AsyncView>
    </div>
  );
}

function ApplicationView({ app: a, onChanged }: { app: Application; onChanged: () => void }) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const actorWords = useActorWords();
  const consumer = useHasRole('consumer') && a.consumerOrgId === session.user.orgId;
  const reviewer = useHasRole('reviewer');
  const submit = useAction();
  const returned = a.status === 'returned' ? returnComment(a) : null;

  return (
    <>
      <section className="card application-head" data-testid="application" data-status={a.status}>
        <div className="part-head">
          <h2 className="app-title">{a.title}</h2>
          <SharingBadge prefix="sharing.appStatus." value={a.status} testId="app-status" />
          {a.status === 'prereview' && <SlaBadge sla={stageSla(a.prereview)} />}
        </div>
        {returned && (
          <div className="notice notice-warn" data-testid="return-comment">
            <strong>{t('sharing.app.returnedBecause')}</strong> {returned}
          </div>
        )}
        <dl className="part-facts">
          <dt>{t('sharing.app.consumer')}</dt>
          <dd>
            <OrgName id={a.consumerOrgId} fallback={a.consumerOrgName} />
          </dd>
          <dt>{t('sharing.field.purpose')}</dt>
          <dd className="pre-line">{a.purpose}</dd>
          <dt>{t('sharing.field.basis')}</dt>
          <dd className="pre-line">{a.basis}</dd>
          <dt>{t('sharing.field.scenario')}</dt>
          <dd className="pre-line">{a.scenario}</dd>
          <dt>{t('sharing.field.durationDays')}</dt>
          <dd>{t('sharing.app.days', { n: a.durationDays })}</dd>
          {a.expectedVolume && (
            <>
              <dt>{t('sharing.field.expectedVolume')}</dt>
              <dd>
                {a.expectedVolume.callsPerDay !== undefined &&
                  t('sharing.app.callsPerDay', { n: a.expectedVolume.callsPerDay })}{' '}
                {a.expectedVolume.rowsPerDay !== undefined &&
                  t('sharing.app.rowsPerDay', { n: a.expectedVolume.rowsPerDay })}
              </dd>
            </>
          )}
          <dt>{t('sharing.apply.clients')}</dt>
          <dd>
            {a.clientIds.map((c) => (
              <code key={c} className="small item-chip">
                {c}
              </code>
            ))}
          </dd>
          <dt>{t('sharing.apply.documents')}</dt>
          <dd>
            {a.documents.length === 0
              ? t('common.none')
              : a.documents.map((d) => (
                  <span key={d.digest} className="item-chip" title={d.digest}>
                    {d.name}
                  </span>
                ))}
          </dd>
          <dt>{t('sharing.app.submittedAt')}</dt>
          <dd>{dateTime(a.submittedAt)}</dd>
        </dl>
        {consumer && (
          <div className="action-row">
            {(a.status === 'draft' || a.status === 'returned') && (
              <Link
                to={`/sharing/applications/${a.id}/edit`}
                className="btn btn-primary btn-small"
                testId="app-amend"
              >
                {a.status === 'returned' ? t('sharing.app.amend') : t('sharing.app.edit')}
              </Link>
            )}
            {a.status === 'draft' && (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={submit.busy}
                onClick={() => void submit.run(() => submitApplication(a.id)).then((r) => r && onChanged())}
                data-testid="app-submit-draft"
              >
                {t('sharing.apply.submit')}
              </button>
            )}
            {['draft', 'returned', 'prereview', 'review'].includes(a.status) && (
              <ReasonAction
                label={t('sharing.app.withdraw')}
                fieldLabel={t('sharing.app.withdrawReason')}
                danger
                testId="app-withdraw"
                run={(reason) => withdrawApplication(a.id, reason)}
                onDone={onChanged}
              />
            )}
          </div>
        )}
        {submit.error !== null && <ErrorNotice error={submit.error} />}
        {reviewer && a.status === 'prereview' && <PrereviewForm app={a} onDone={onChanged} />}
      </section>
      <h3 className="section-title">{t('sharing.app.partsN', { n: a.parts.length })}</h3>
      {a.parts.map((p) => (
        <PartCard key={p.id} app={a} part={p} onChanged={onChanged} />
      ))}
      <section className="card">
        <h3>{t('sharing.app.history')}</h3>
        <HistoryList
          testId="app-history"
          rows={a.history.map((h, i) => ({
            key: `${h.at}:${i}`,
            at: h.at,
            action: h.action,
            actor: actorName(h.actor, actorWords, session.user.id),
            subject: h.partId ? <PartResource app={a} partId={h.partId} /> : undefined,
            comment: h.comment,
          }))}
        />
      </section>
    </>
  );
}

/** The resource a history line's part asks for. */
function PartResource({ app, partId }: { app: Application; partId: string }) {
  const part = app.parts.find((p) => p.id === partId);
  return part ? <ResourceName id={part.resourceId} /> : null;
}
