import { useMemo, useState } from 'react';
import { cancelJob, getJobsOverview, listJobs, retryJob } from '../api/ops-endpoints';
import type { Job, JobSchedule, JobStatus, JobsOverview } from '../api/ops-types';
import { useAction } from '../api/use-action';
import { usePaged } from '../api/use-paged';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { StateBadge } from '../components/badges';
import { DataTable, type Column } from '../components/data-table';
import { EChart } from '../components/echart';
import { ErrorNotice } from '../components/error-notice';
import { FilterSelect } from '../components/filter-select';
import { PagedView } from '../components/paged-view';
import { useI18n, type Translate } from '../i18n/i18n';
import { Link } from '../nav/router';
import { JobActions } from './job-actions';
import { JOB_STATUSES, jobStatusBarOption } from './jobs-chart';

// 任务 (operators): the background job queue — counts by status, the recurring schedules, and the jobs
// (newest first, filtered by status) with retry and cancel where the state allows.

const PAGE = 50;

/** "every 5 minutes" and the like. */
export function intervalText(seconds: number, t: Translate): string {
  if (seconds % 86_400 === 0) return t('jobs.everyDays', { n: seconds / 86_400 });
  if (seconds % 3_600 === 0) return t('jobs.everyHours', { n: seconds / 3_600 });
  if (seconds % 60 === 0) return t('jobs.everyMinutes', { n: seconds / 60 });
  return t('jobs.everySeconds', { n: seconds });
}

export function JobsPage() {
  const { t, label, dateTime } = useI18n();
  const overview = useResource(getJobsOverview);
  const [status, setStatus] = useState('');
  const jobs = usePaged(
    (before) => listJobs({ status: (status || undefined) as JobStatus | undefined, before, limit: PAGE }),
    PAGE,
    status,
  );
  const action = useAction();

  const change = async (call: () => Promise<Job>) => {
    const j = await action.run(call);
    if (!j) return;
    jobs.update((items) => items.map((i) => (i.id === j.id ? j : i)));
    overview.reload();
  };

  const columns: Column<Job>[] = [
    {
      key: 'type',
      header: t('jobs.type'),
      render: (j) => (
        <Link to={`/jobs/${j.id}`} className="row-link mono">
          {j.type}
        </Link>
      ),
    },
    {
      key: 'status',
      header: t('jobs.status'),
      render: (j) => <StateBadge prefix="jobStatus." value={j.status} />,
    },
    {
      key: 'attempts',
      header: t('jobs.attempts'),
      render: (j) => `${j.attempts} / ${j.maxAttempts}`,
      className: 'num',
    },
    { key: 'runAt', header: t('jobs.runAt'), render: (j) => dateTime(j.runAt), className: 'nowrap' },
    {
      key: 'updated',
      header: t('jobs.updatedAt'),
      render: (j) => dateTime(j.updatedAt),
      className: 'nowrap',
    },
    {
      key: 'error',
      header: t('jobs.lastError'),
      render: (j) =>
        j.lastError ? (
          <span className="error-text clip" title={j.lastError}>
            {j.lastError}
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'nowrap',
      render: (j) => (
        <JobActions
          job={j}
          busy={action.busy}
          onRetry={() => void change(() => retryJob(j.id))}
          onCancel={() => void change(() => cancelJob(j.id))}
        />
      ),
    },
  ];

  return (
    <div className="page-jobs">
      <AsyncView resource={overview}>{(o) => <Overview overview={o} />}</AsyncView>
      <section className="card">
        <h3>{t('jobs.list')}</h3>
        <div className="toolbar toolbar-filters">
          <FilterSelect
            label={t('jobs.status')}
            value={status}
            onChange={setStatus}
            testId="job-status-filter"
            options={[
              { value: '', label: t('common.all') },
              ...JOB_STATUSES.map((s) => ({ value: s, label: label('jobStatus.', s) })),
            ]}
          />
        </div>
        {action.error !== null && <ErrorNotice error={action.error} />}
        <PagedView paged={jobs}>
          {(rows) => <DataTable columns={columns} rows={rows} rowKey={(j) => j.id} testId="jobs" />}
        </PagedView>
      </section>
    </div>
  );
}

function Overview({ overview }: { overview: JobsOverview }) {
  const { t, label, dateTime, locale } = useI18n();
  const option = useMemo(
    () => jobStatusBarOption(overview.byStatus, (s) => label('jobStatus.', s), t('jobs.count')),
    // `t` and `label` change exactly when the language does.
    [overview, locale],
  );
  const columns: Column<JobSchedule>[] = [
    { key: 'name', header: t('jobs.scheduleName'), render: (s) => s.name, className: 'mono nowrap' },
    { key: 'type', header: t('jobs.type'), render: (s) => s.type, className: 'mono nowrap' },
    {
      key: 'interval',
      header: t('jobs.interval'),
      render: (s) => intervalText(s.intervalSeconds, t),
      className: 'nowrap',
    },
    { key: 'next', header: t('jobs.nextRunAt'), render: (s) => dateTime(s.nextRunAt), className: 'nowrap' },
    {
      key: 'enabled',
      header: t('jobs.enabled'),
      render: (s) => <StateBadge prefix="status." value={s.enabled ? 'active' : 'disabled'} />,
    },
  ];
  return (
    <section className="two-columns jobs-overview">
      <div className="card chart-card">
        <h3>{t('jobs.byStatus')}</h3>
        <EChart option={option} label={t('jobs.byStatus')} height={240} />
      </div>
      <div className="card">
        <h3>{t('jobs.schedules')}</h3>
        <DataTable
          columns={columns}
          rows={overview.schedules}
          rowKey={(s) => s.name}
          testId="job-schedules"
        />
      </div>
    </section>
  );
}
