import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { useHasRole, useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { maskText } from '../catalogue/format';
import { DecisionForm } from './decision-form';
import { stageSla } from './format';
import { OrgName } from './names';
import { ReasonAction } from './reason-form';
import { disputePart } from './sharing-api';
import { SharingBadge, SlaBadge } from './sla-badge';
import type { Application, Part } from './types';
import { useCatalogueResource } from './use-catalogue';

// One part of an application: the resource and its provider, the requested items (with levels and default
// masks) and methods, its state and clock, the decision taken, the grant it produced — and the action the
// viewer may take on it: the provider's approver decides, the consumer disputes a refusal, the bureau mediates.

export function PartCard({
  app,
  part,
  onChanged,
}: {
  app: Application;
  part: Part;
  onChanged: (a: Application) => void;
}) {
  const { t, label, dateTime } = useI18n();
  const session = useSession();
  const approver = useHasRole('approver');
  const consumer = useHasRole('consumer');
  const reviewer = useHasRole('reviewer');
  const doc = useCatalogueResource(part.resourceId);
  const myOrg = session.user.orgId;

  const canDecide =
    approver && part.providerOrgId === myOrg && part.status === 'pending' && app.status === 'review';
  const canDispute = consumer && app.consumerOrgId === myOrg && part.status === 'refused';
  const canMediate = reviewer && part.status === 'disputed';
  const requested = (doc?.items ?? []).filter((i) => part.items.includes(i.code));
  const d = part.decision;

  return (
    <section
      className="card part-card"
      id={`part-${part.id}`}
      data-testid="part-card"
      data-part={part.id}
      data-resource={part.resourceId}
      data-status={part.status}
    >
      <div className="part-head">
        <h3>
          <Link to={`/catalogue/resources/${part.resourceId}`}>{doc?.name ?? part.resourceId}</Link>
          {doc && <LevelBadge level={doc.level} />}
        </h3>
        <span className="muted">
          <OrgName id={part.providerOrgId} fallback={part.providerOrgName ?? doc?.provider.name} />
        </span>
        <SharingBadge prefix="sharing.partStatus." value={part.status} testId="part-status" />
        {part.unconditional && <span className="tag">{t('sharing.part.unconditional')}</span>}
        {part.deadline && <SlaBadge sla={stageSla(part.deadline)} />}
      </div>
      <dl className="part-facts">
        <dt>{t('sharing.part.items')}</dt>
        <dd data-testid="part-requested">
          {requested.length
            ? requested.map((i) => (
                <span key={i.code} className="item-chip" title={maskText(i.defaultMask, t)}>
                  {i.label} <code className="muted small">{i.code}</code>
                </span>
              ))
            : part.items.join(t('sharing.sep'))}
        </dd>
        <dt>{t('sharing.part.methods')}</dt>
        <dd>{part.methods.map((m) => label('catalogue.method.', m)).join(t('sharing.sep'))}</dd>
        {d && (
          <>
            <dt>{t('sharing.part.decision')}</dt>
            <dd data-testid="part-decision">
              {label('sharing.decision.', d.decision)}
              {d.at && <span className="muted"> · {dateTime(d.at)}</span>}
              {d.reason && (
                <span className="decision-detail pre-line">
                  {t('sharing.decide.reason')}
                  {t('common.colon')}
                  {d.reason}
                </span>
              )}
              {d.basis && (
                <span className="decision-detail pre-line">
                  {t('sharing.decide.basis')}
                  {t('common.colon')}
                  {d.basis}
                </span>
              )}
            </dd>
          </>
        )}
        {part.dispute && (
          <>
            <dt>{t('sharing.part.dispute')}</dt>
            <dd>{part.dispute.reason}</dd>
          </>
        )}
        {part.mediation && (
          <>
            <dt>{t('sharing.part.mediation')}</dt>
            <dd>
              {label('sharing.decide.', part.mediation.decision)}
              {part.mediation.comment && <span> {part.mediation.comment}</span>}
            </dd>
          </>
        )}
        {part.grantId && (
          <>
            <dt>{t('sharing.part.grant')}</dt>
            <dd>
              <Link to={`/sharing/grants/${part.grantId}`} testId="part-grant">
                {t('sharing.part.openGrant')}
              </Link>
            </dd>
          </>
        )}
      </dl>
      {canDecide && doc && (
        <DecisionForm app={app} part={part} items={doc.items} mode="decide" onDone={onChanged} />
      )}
      {canMediate && doc && (
        <DecisionForm app={app} part={part} items={doc.items} mode="mediate" onDone={onChanged} />
      )}
      {canDispute && (
        <ReasonAction
          label={t('sharing.part.disputeAction')}
          fieldLabel={t('sharing.part.disputeReason')}
          testId="part-dispute"
          run={(reason) => disputePart(app.id, part.id, reason)}
          onDone={onChanged}
        />
      )}
    </section>
  );
}
