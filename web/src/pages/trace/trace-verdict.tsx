import { DataTable, type Column } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import { ResourceName } from '../sharing/names';
import type { TraceCandidate, TraceResult } from './trace-api';

// The answer of a trace: the verdict first — the named grant(s) with recipient, status, how many of the
// file's fitting rows each reproduces, how many chance alone would give and the bound on being wrong — or
// "no match"; then what the file was read as, and every grant considered.

export function TraceVerdict({ fileName, result: r }: { fileName: string; result: TraceResult }) {
  const { t } = useI18n();
  const match = r.verdict === 'match';
  return (
    <>
      <section
        className={`card trace-verdict trace-${r.verdict}`}
        data-testid="trace-verdict"
        data-verdict={r.verdict}
        role="status"
      >
        <h3 data-testid="trace-verdict-title">
          {match ? t('trace.verdict.match', { n: r.named.length }) : t('trace.verdict.noMatch')}
        </h3>
        {match ? (
          r.named.map((c) => <Named key={c.grantId} c={c} fitting={r.rowsFitting} />)
        ) : (
          <p data-testid="trace-no-match">{t('trace.verdict.noMatchHint', { threshold: r.threshold })}</p>
        )}
        <p className="muted small" data-testid="trace-confidence">
          {t('trace.confidence', { threshold: r.threshold })}
        </p>
      </section>
      <section className="card" data-testid="trace-file-facts">
        <h3>{t('trace.file.title')}</h3>
        <dl className="fields">
          <dt>{t('trace.file.name')}</dt>
          <dd>{fileName}</dd>
          <dt>{t('trace.file.resource')}</dt>
          <dd data-testid="trace-resource-name" data-resource={r.resourceId}>
            <ResourceName id={r.resourceId} />
          </dd>
          <dt>{t('trace.file.rows')}</dt>
          <dd data-testid="trace-rows">
            {t('trace.file.rowsText', {
              format: r.file.format.toUpperCase(),
              rows: r.file.rows,
              distinct: r.rowsDistinct,
              fitting: r.rowsFitting,
            })}
          </dd>
          <dt>{t('trace.file.columns')}</dt>
          <dd data-testid="trace-columns">
            {r.file.columns.map((c) => `${c.header} → ${c.item}`).join(t('sharing.sep'))}
          </dd>
          {r.ignoredColumns.length > 0 && (
            <>
              <dt>{t('trace.file.ignored')}</dt>
              <dd>{r.ignoredColumns.join(t('sharing.sep'))}</dd>
            </>
          )}
          <dt>{t('trace.file.sha256')}</dt>
          <dd>
            <code className="break">{r.file.sha256}</code>
          </dd>
          <dt>{t('trace.file.evidence')}</dt>
          <dd>
            <code data-testid="trace-evidence">{r.evidenceId}</code>
          </dd>
        </dl>
      </section>
      <Candidates result={r} />
    </>
  );
}

/** One named grant. */
function Named({ c, fitting }: { c: TraceCandidate; fitting: number }) {
  const { t, label } = useI18n();
  return (
    <div className="trace-named" data-testid="trace-named" data-grant={c.grantId}>
      <dl className="fields">
        <dt>{t('trace.col.recipient')}</dt>
        <dd data-testid="trace-recipient">
          <strong>{c.recipient.name ?? c.recipient.orgId}</strong>
        </dd>
        <dt>{t('trace.col.grant')}</dt>
        <dd>
          <code data-testid="trace-grant">{c.grantId}</code>{' '}
          <span
            className={`badge sharing-badge sb-${c.status}`}
            data-testid="trace-grant-status"
            data-status={c.status}
          >
            {label('sharing.grantStatus.', c.status)}
          </span>
        </dd>
        <dt>{t('trace.col.matched')}</dt>
        <dd data-testid="trace-matched">{t('trace.matchedOf', { matched: c.matched, fitting })}</dd>
        <dt>{t('trace.col.expected')}</dt>
        <dd data-testid="trace-expected">{c.expectedByChance}</dd>
        <dt>{t('trace.col.bound')}</dt>
        <dd className="trace-bound" data-testid="trace-bound">
          {c.falsePositive}
        </dd>
      </dl>
    </div>
  );
}

/** Every grant considered, most matches first. */
function Candidates({ result: r }: { result: TraceResult }) {
  const { t, label } = useI18n();
  const named = new Set(r.named.map((c) => c.grantId));
  const columns: Column<TraceCandidate>[] = [
    {
      key: 'grant',
      header: t('trace.col.grant'),
      render: (c) => (
        <code
          className="small"
          data-testid="trace-candidate"
          data-grant={c.grantId}
          data-named={named.has(c.grantId)}
        >
          {c.grantId}
        </code>
      ),
    },
    {
      key: 'recipient',
      header: t('trace.col.recipient'),
      render: (c) => c.recipient.name ?? c.recipient.orgId,
    },
    { key: 'status', header: t('trace.col.status'), render: (c) => label('sharing.grantStatus.', c.status) },
    { key: 'matched', header: t('trace.col.matched'), className: 'num', render: (c) => c.matched },
    { key: 'expected', header: t('trace.col.expected'), className: 'num', render: (c) => c.expectedByChance },
    {
      key: 'bound',
      header: t('trace.col.bound'),
      className: 'trace-bound',
      render: (c) => c.falsePositive,
    },
  ];
  return (
    <section className="card" data-testid="trace-candidates">
      <h3>{t('trace.candidates.title')}</h3>
      <p className="page-hint">{t('trace.candidates.hint')}</p>
      <DataTable columns={columns} rows={r.candidates} rowKey={(c) => c.grantId} />
    </section>
  );
}
