import type { Job } from '../api/ops-types';
import { useI18n } from '../i18n/i18n';

// Retry (dead or cancelled jobs) and cancel (queued jobs): only the buttons the job's state allows.

export function canRetry(j: Job): boolean {
  return j.status === 'dead' || j.status === 'cancelled';
}

export function canCancel(j: Job): boolean {
  return j.status === 'queued';
}

export function JobActions(props: { job: Job; busy: boolean; onRetry: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const j = props.job;
  if (!canRetry(j) && !canCancel(j)) return null;
  return (
    <span className="row-actions">
      {canRetry(j) && (
        <button
          type="button"
          className="btn btn-small btn-secondary"
          disabled={props.busy}
          onClick={props.onRetry}
          data-testid="job-retry"
        >
          {t('jobs.retry')}
        </button>
      )}
      {canCancel(j) && (
        <button
          type="button"
          className="btn btn-small btn-danger"
          disabled={props.busy}
          onClick={props.onCancel}
          data-testid="job-cancel"
        >
          {t('jobs.cancel')}
        </button>
      )}
    </span>
  );
}
