import { useState } from 'react';
import { getResource, type Resource } from '../../api/catalogue';
import { getDataTable, isActive, listJobs, type DataTableState, type IngestJob } from '../../api/quality';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { canSeeJobs, holdsData, isProviderSteward } from './access';
import { IssuesPanel } from './issues-panel';
import { JobHistory } from './job-history';
import { JobPanel } from './job-panel';
import { QualityHeading } from './resource-links';
import { UploadForm } from './upload-form';
import { useLiveJob } from './use-live-job';

// 数据归集 (/catalogue/resources/<id or code>/ingest): the provider's stewards upload a file and start a job;
// the job panel follows it every second while it is queued or running (state, read / accepted / rejected /
// warnings, what it did to the table, detected encoding); when it has ended, its issues (masked values) and
// the error report; below, the history of the resource's jobs. The bureau's reviewers read all of it; others
// are told whom it is for.

export function IngestPage({ id }: { id: string }) {
  const resource = useResource(() => getResource(id), id);
  return <AsyncView resource={resource}>{(r) => <IngestView resource={r} />}</AsyncView>;
}

function IngestView({ resource: r }: { resource: Resource }) {
  const { t } = useI18n();
  const { user } = useSession();
  const allowed = holdsData(r) && canSeeJobs(user, r);
  return (
    <div className="page-quality" data-testid="ingest-page" data-resource={r.id}>
      <QualityHeading resource={r} current="ingest" />
      {!holdsData(r) ? (
        <p className="notice notice-info">{t('quality.notTable')}</p>
      ) : !allowed ? (
        <p className="notice notice-info" data-testid="ingest-no-access">
          {t('quality.ingest.noAccess')}
        </p>
      ) : (
        <IngestWork resource={r} steward={isProviderSteward(user, r)} />
      )}
      <p>
        <Link to={`/catalogue/resources/${r.id}`}>‹ {t('quality.back')}</Link>
      </p>
    </div>
  );
}

function IngestWork({ resource: r, steward }: { resource: Resource; steward: boolean }) {
  const { t } = useI18n();
  // Every started or ended job changes the history and the table: read them again.
  const [round, setRound] = useState(0);
  const reload = () => setRound((n) => n + 1);
  const jobs = useResource(() => listJobs(r.id), `${r.id}:${round}`);
  const table = useResource(() => getDataTable(r.id), `${r.id}:${round}`);
  const [selected, setSelected] = useState<string | null>(null);
  const shownId = selected ?? jobs.data?.[0]?.id ?? null;
  const live = useLiveJob(shownId, reload);
  const job = live.job?.id === shownId ? live.job : undefined;

  const activeInList = jobs.data?.find((j) => isActive(j.status));
  const busy =
    job && job.id === activeInList?.id
      ? isActive(job.status)
      : Boolean(activeInList) || (job ? isActive(job.status) : false);

  const started = (j: IngestJob) => {
    setSelected(j.id);
    reload();
  };

  return (
    <>
      {!steward && <p className="notice notice-info">{t('quality.ingest.readOnly')}</p>}
      <div className={steward ? 'two-columns ingest-top' : undefined}>
        {steward && <UploadForm resourceId={r.id} busy={busy} onStarted={started} />}
        {table.data && <TableState table={table.data} />}
      </div>
      {live.error !== null && <ErrorNotice error={live.error} onRetry={live.reload} />}
      {job && (
        <JobPanel
          job={job}
          canCancel={steward}
          onChanged={() => {
            live.reload();
            reload();
          }}
        />
      )}
      {job && !isActive(job.status) && (
        <IssuesPanel key={`${job.id}:${job.finishedAt ?? ''}`} job={job} items={r.items} code={r.code} />
      )}
      <section className="card">
        <h3>{t('quality.history.title')}</h3>
        <AsyncView resource={jobs}>
          {(list) => <JobHistory jobs={list} selected={shownId} onSelect={setSelected} />}
        </AsyncView>
      </section>
    </>
  );
}

/** 数据表: rows, last load, generation and state, how many items are encrypted at rest. */
function TableState({ table }: { table: DataTableState }) {
  const { t, label, dateTime } = useI18n();
  return (
    <section className="card" data-testid="data-table-state">
      <h3>{t('quality.table.title')}</h3>
      <dl className="fields">
        <dt>{t('quality.table.rows')}</dt>
        <dd data-testid="table-rows" data-value={table.rowCount}>
          <strong>{table.rowCount.toLocaleString()}</strong>
        </dd>
        <dt>{t('quality.table.lastLoaded')}</dt>
        <dd>{dateTime(table.lastLoadedAt)}</dd>
        <dt>{t('quality.table.status')}</dt>
        <dd>{label('quality.tableStatus.', table.status)}</dd>
        <dt>{t('quality.table.generation')}</dt>
        <dd>{table.generation}</dd>
        <dt>{t('quality.table.encrypted')}</dt>
        <dd>{t('quality.table.encryptedItems', { n: table.items.filter((i) => i.encrypted).length })}</dd>
      </dl>
    </section>
  );
}
