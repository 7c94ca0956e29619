import { useState } from 'react';
import { cancelJob, getJob, retryJob } from '../api/ops-endpoints';
import type { Job } from '../api/ops-types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { StateBadge } from '../components/badges';
import { ErrorNotice } from '../components/error-notice';
import { useI18n } from '../i18n/i18n';
import { Link } from '../nav/router';
import { JobActions } from './job-actions';

// 任务详情 (/jobs/<id>): one job — state, attempts, timing, the last error and the result — with retry or
// cancel when its state allows.

export function JobDetailPage({ id }: { id: string }) {
  const job = useResource(() => getJob(id), id);
  return <AsyncView resource={job}>{(j) => <JobDetail initial={j} />}</AsyncView>;
}

function JobDetail({ initial }: { initial: Job }) {
  const { t, dateTime } = useI18n();
  const [j, setJ] = useState(initial);
  const action = useAction();
  const none = t('common.none');
  const change = async (call: () => Promise<Job>) => {
    const updated = await action.run(call);
    if (updated) setJ(updated);
  };
  return (
    <>
      <section className="card" data-testid="job-detail">
        <div className="alert-heading">
          <h2 className="mono">{j.type}</h2>
          <span data-testid="job-status">
            <StateBadge prefix="jobStatus." value={j.status} />
          </span>
          <JobActions
            job={j}
            busy={action.busy}
            onRetry={() => void change(() => retryJob(j.id))}
            onCancel={() => void change(() => cancelJob(j.id))}
          />
        </div>
        {action.error !== null && <ErrorNotice error={action.error} />}
        <dl className="fields">
          <dt>{t('jobs.id')}</dt>
          <dd className="mono">{j.id}</dd>
          <dt>{t('jobs.attempts')}</dt>
          <dd>
            {j.attempts} / {j.maxAttempts}
          </dd>
          <dt>{t('jobs.priority')}</dt>
          <dd>{j.priority}</dd>
          <dt>{t('jobs.runAt')}</dt>
          <dd>{dateTime(j.runAt)}</dd>
          <dt>{t('jobs.createdAt')}</dt>
          <dd>{dateTime(j.createdAt)}</dd>
          <dt>{t('jobs.updatedAt')}</dt>
          <dd>{dateTime(j.updatedAt)}</dd>
          <dt>{t('jobs.finishedAt')}</dt>
          <dd>{dateTime(j.finishedAt)}</dd>
          <dt>{t('jobs.lockedBy')}</dt>
          <dd className="mono">
            {j.lockedBy ? `${j.lockedBy} (${t('jobs.until', { at: dateTime(j.lockedUntil) })})` : none}
          </dd>
          <dt>{t('jobs.idempotencyKey')}</dt>
          <dd className="mono">{j.idempotencyKey ?? none}</dd>
        </dl>
      </section>
      <section className="card">
        <h3>{t('jobs.lastError')}</h3>
        {j.lastError ? (
          <pre className="code-block error-text" data-testid="job-last-error">
            {j.lastError}
          </pre>
        ) : (
          <p className="muted">{none}</p>
        )}
        <h3>{t('jobs.result')}</h3>
        {j.result === null || j.result === undefined ? (
          <p className="muted">{none}</p>
        ) : (
          <pre className="code-block">{JSON.stringify(j.result, null, 2)}</pre>
        )}
      </section>
      <p>
        <Link to="/jobs">‹ {t('jobs.back')}</Link>
      </p>
    </>
  );
}
