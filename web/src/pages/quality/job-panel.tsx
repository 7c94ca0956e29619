import { cancelJob, isActive, type IngestCounts, type IngestJob } from '../../api/quality';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { byteSize, separatorText } from './format';
import { JobStatusBadge } from './job-status';

// One ingestion job: its state, the counts — 读取 = 接收 + 拒绝 always, and 警告 (accepted with a flag) — then
// what the load did to the table (新增 / 更新 / 未变 / 删除), what was detected in the file (encoding,
// separator, columns, sheet), the failure reason, and a cancel button while it is queued or running.

const MAIN: (keyof IngestCounts)[] = ['read', 'accepted', 'rejected', 'warned'];
const STORE: (keyof IngestCounts)[] = ['inserted', 'updated', 'unchanged', 'deleted'];

export function JobPanel({
  job: j,
  canCancel,
  onChanged,
}: {
  job: IngestJob;
  canCancel: boolean;
  onChanged: () => void;
}) {
  const { t, label, dateTime } = useI18n();
  const action = useAction();
  const active = isActive(j.status);
  const cancel = async () => {
    if (await action.run(() => cancelJob(j.id))) onChanged();
  };
  return (
    <section className="card job-panel" data-testid="job-panel" data-job={j.id} data-status={j.status}>
      <div className="job-heading">
        <h3>{t('quality.job.title')}</h3>
        <JobStatusBadge status={j.status} />
        <span className="tag">{label('quality.mode.', j.mode)}</span>
        {active && (
          <span className="muted job-polling" aria-live="polite">
            {t('quality.job.polling')}
          </span>
        )}
        {active && canCancel && (
          <button
            type="button"
            className="btn btn-danger btn-small job-cancel"
            disabled={action.busy}
            onClick={() => void cancel()}
            data-testid="job-cancel"
          >
            {t('quality.job.cancel')}
          </button>
        )}
      </div>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <div className="count-cards" data-testid="job-counts">
        {MAIN.map((k) => (
          <Count key={k} name={k} value={j.counts[k]} />
        ))}
      </div>
      <p className="job-balance" data-testid="job-balance">
        {t('quality.job.balance', {
          read: j.counts.read,
          accepted: j.counts.accepted,
          rejected: j.counts.rejected,
        })}
        {j.counts.warned > 0 && <span className="muted"> {t('quality.job.warnedHint')}</span>}
      </p>
      <div className="count-row" data-testid="job-store-counts">
        {STORE.map((k) => (
          <span key={k} className="count-small" data-testid={`count-${k}`} data-value={j.counts[k]}>
            <span className="muted">{label('quality.count.', k)}</span> <strong>{j.counts[k]}</strong>
          </span>
        ))}
      </div>
      {j.status === 'failed' && j.error && (
        <div className="notice notice-error" data-testid="job-error">
          <strong>{t('quality.job.error')}</strong>
          <p className="notice-detail pre-line">{j.error}</p>
        </div>
      )}
      {j.issuesDropped > 0 && (
        <p className="notice notice-warn">{t('quality.job.dropped', { n: j.issuesDropped })}</p>
      )}
      <dl className="fields job-facts">
        <dt>{t('quality.job.detected')}</dt>
        <dd data-testid="job-detected">
          <Detected detected={j.detected} />
        </dd>
        <dt>{t('quality.job.created')}</dt>
        <dd>{dateTime(j.createdAt)}</dd>
        <dt>{t('quality.job.started')}</dt>
        <dd>{dateTime(j.startedAt)}</dd>
        <dt>{t('quality.job.finished')}</dt>
        <dd>{dateTime(j.finishedAt)}</dd>
        <dt>{t('quality.job.id')}</dt>
        <dd className="mono">{j.id}</dd>
      </dl>
    </section>
  );
}

function Count({ name, value }: { name: keyof IngestCounts; value: number }) {
  const { label } = useI18n();
  return (
    <div className={`count-card count-${name}`} data-testid={`count-${name}`} data-value={value}>
      <div className="count-value">{value.toLocaleString()}</div>
      <div className="count-label">{label('quality.count.', name)}</div>
    </div>
  );
}

/** What the source reader found: format, encoding, separator, columns, sheet, size. */
function Detected({ detected }: { detected: IngestJob['detected'] }) {
  const { t } = useI18n();
  if (!detected) return <>{t('common.none')}</>;
  const parts: { key: string; name: string; value: string }[] = [];
  const add = (
    key: string,
    name: string,
    value: string | number | undefined,
    show: (v: string | number) => string = String,
  ) => {
    if (value !== undefined && value !== '') parts.push({ key, name, value: show(value) });
  };
  add('format', t('quality.detected.format'), detected.format, (v) => String(v).toUpperCase());
  add('encoding', t('quality.detected.encoding'), detected.encoding, (v) => String(v).toUpperCase());
  add('separator', t('quality.detected.separator'), detected.separator, (v) => separatorText(String(v), t));
  add('columns', t('quality.detected.columns'), detected.columns);
  add('sheet', t('quality.detected.sheet'), detected.sheet);
  add('bytes', t('quality.detected.bytes'), detected.bytes, (v) => byteSize(Number(v)));
  return (
    <span className="tags">
      {parts.map((p) => (
        <span key={p.key} className="tag" data-detected={p.key}>
          {p.name}
          {t('common.colon')}
          {p.value}
        </span>
      ))}
    </span>
  );
}
