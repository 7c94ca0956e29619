import { useState, type FormEvent } from 'react';
import { submitResource, withdrawResource, type Resource } from '../../api/catalogue';
import { refreshUnread } from '../../api/unread-store';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { CatalogueError } from './catalogue-error';
import { ReviewForm } from './review-form';

// What the caller may do with a resource. The provider's stewards edit the draft (or open a new version of
// a published resource), submit it to the bureau and withdraw it; the bureau's reviewers approve or return a
// submitted version and may withdraw too. Everyone else reads. The server decides; refusals show as sent.

export function ResourceActions({
  resource: r,
  onChanged,
}: {
  resource: Resource;
  onChanged: (r: Resource) => void;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const steward = user.roles.includes('steward') && user.orgId === r.provider.id;
  const reviewer = user.roles.includes('reviewer');
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [hint, setHint] = useState<string | null>(null);

  if (r.status === 'withdrawn' || !(steward || reviewer)) return null;
  const latest = r.pending ?? { version: r.version, status: r.versionStatus };
  const editable = latest.status === 'draft' || latest.status === 'returned';

  const changed = (next: Resource | undefined, message: string) => {
    if (!next) return;
    setDone(message);
    onChanged(next);
    void refreshUnread();
  };

  const submit = async () => {
    setDone(null);
    changed(await action.run(() => submitResource(r.id)), t('catalogue.actions.submitted'));
  };

  const withdraw = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setHint(t('catalogue.actions.reasonRequired'));
    setHint(null);
    setDone(null);
    changed(await action.run(() => withdrawResource(r.id, reason.trim())), t('catalogue.actions.withdrawn'));
  };

  return (
    <section className="card" data-testid="resource-actions">
      <h3>{t('catalogue.actions.title')}</h3>
      {steward && latest.status === 'submitted' && (
        <p className="notice notice-info">{t('catalogue.actions.inReview', { n: latest.version })}</p>
      )}
      {steward && (
        <div className="action-row">
          {latest.status !== 'submitted' && (
            <Link
              to={`/catalogue/resources/${r.id}/edit`}
              className="btn btn-secondary"
              testId="resource-edit"
            >
              {editable ? t('catalogue.actions.edit') : t('catalogue.actions.newVersion')}
            </Link>
          )}
          {editable && (
            <>
              <button
                type="button"
                className="btn btn-primary"
                disabled={action.busy}
                onClick={() => void submit()}
                data-testid="resource-submit"
              >
                {t('catalogue.actions.submit')}
              </button>
              <span className="muted">{t('catalogue.actions.submitHint')}</span>
            </>
          )}
        </div>
      )}
      {reviewer && latest.status === 'submitted' && (
        <>
          <h4>{t('catalogue.review.decide', { n: latest.version })}</h4>
          <ReviewForm
            resourceId={r.id}
            onDecided={(next, d) =>
              changed(
                next,
                t(d === 'approve' ? 'catalogue.review.approved' : 'catalogue.review.returnedDone', {
                  name: next.name,
                }),
              )
            }
          />
        </>
      )}
      {withdrawing ? (
        <form className="withdraw-form" onSubmit={(e) => void withdraw(e)} noValidate>
          <p className="muted">{t('catalogue.actions.withdrawHint')}</p>
          <label className="field">
            <span>{t('catalogue.actions.withdrawReason')}</span>
            <textarea
              name="reason"
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="withdraw-reason"
            />
          </label>
          {hint && (
            <p className="field-hint" role="alert">
              {hint}
            </p>
          )}
          <div className="action-row">
            <button
              type="submit"
              className="btn btn-danger"
              disabled={action.busy}
              data-testid="withdraw-confirm"
            >
              {t('catalogue.actions.withdrawConfirm')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setWithdrawing(false)}>
              {t('catalogue.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="action-row">
          <button
            type="button"
            className="btn btn-danger btn-small"
            onClick={() => setWithdrawing(true)}
            data-testid="resource-withdraw"
          >
            {t('catalogue.actions.withdraw')}
          </button>
        </div>
      )}
      {action.error !== null && <CatalogueError error={action.error} />}
      {done && (
        <div className="notice notice-success" role="status" data-testid="action-done">
          {done}
        </div>
      )}
    </section>
  );
}
