import { useCallback, useEffect, useRef, useState } from 'react';
import type { Item } from '../../api/catalogue';
import { fetchIssuesCsv, listIssues, type IngestIssue, type IngestJob } from '../../api/quality';
import { useAction } from '../../api/use-action';
import { downloadBlob } from '../../components/download-blob';
import { ErrorNotice } from '../../components/error-notice';
import { FilterSelect } from '../../components/filter-select';
import { useI18n } from '../../i18n/i18n';
import { itemLabeller } from './format';
import { SeverityTag } from './job-status';

// 问题明细 of an ended job: the quarantined rows and the warnings, with row number, item, rule, severity,
// message and the value (masked by the server when the item is personal). The API pages by windows of row
// numbers, so the panel reads windows until it has a page of issues (or the file's end) and offers the next
// rows after that. 下载错误报告 fetches the CSV with the session's token and saves it.

/** Rows per request, issues per page, and requests per page at most (a long clean stretch is skipped). */
const WINDOW = 1000;
const PAGE = 100;
const MAX_WINDOWS = 50;

interface State {
  issues: IngestIssue[];
  /** Rows 1…scanned have been read. */
  scanned: number;
  loading: boolean;
  error: unknown;
}

export function IssuesPanel({ job, items, code }: { job: IngestJob; items: Item[]; code: string }) {
  const { t, label } = useI18n();
  const total = job.counts.read;
  const [state, setState] = useState<State>({ issues: [], scanned: 0, loading: true, error: null });
  const [severity, setSeverity] = useState('');
  const download = useAction();
  const scannedRef = useRef(0);
  // Bumped when the panel goes away (or StrictMode re-runs the effect): late answers are then dropped.
  const generation = useRef(0);

  const loadMore = useCallback(async () => {
    const gen = generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    let after = scannedRef.current;
    const got: IngestIssue[] = [];
    try {
      for (let n = 0; after < total && got.length < PAGE && n < MAX_WINDOWS; n++) {
        got.push(...(await listIssues(job.id, after, WINDOW)));
        after = Math.min(total, after + WINDOW);
      }
    } catch (error) {
      if (gen === generation.current) setState((s) => ({ ...s, loading: false, error }));
      return;
    }
    if (gen !== generation.current) return;
    scannedRef.current = after;
    setState((s) => ({ issues: [...s.issues, ...got], scanned: after, loading: false, error: null }));
  }, [job.id, total]);

  useEffect(() => {
    scannedRef.current = 0;
    setState({ issues: [], scanned: 0, loading: true, error: null });
    void loadMore();
    return () => {
      generation.current++;
    };
  }, [loadMore]);

  const save = async () => {
    const blob = await download.run(() => fetchIssuesCsv(job.id));
    if (blob) downloadBlob(`错误报告-${code}-${job.id.slice(-8)}.csv`, blob);
  };

  const itemName = itemLabeller(items);
  const shown = severity ? state.issues.filter((i) => i.severity === severity) : state.issues;
  const noIssues = job.counts.rejected + job.counts.warned === 0 && state.issues.length === 0;
  return (
    <section className="card" data-testid="job-issues">
      <div className="toolbar toolbar-split">
        <h3>{t('quality.issues.title')}</h3>
        {!(noIssues && !state.loading) && (
          <div className="toolbar-actions">
            <FilterSelect
              label={t('quality.issues.filter')}
              value={severity}
              onChange={setSeverity}
              testId="issues-severity"
              options={[
                { value: '', label: t('common.all') },
                { value: 'reject', label: t('quality.severity.reject') },
                { value: 'warn', label: t('quality.severity.warn') },
              ]}
            />
            <button
              type="button"
              className="btn btn-secondary"
              disabled={download.busy}
              onClick={() => void save()}
              data-testid="issues-download"
            >
              {download.busy ? t('quality.issues.downloading') : t('quality.issues.download')}
            </button>
          </div>
        )}
      </div>
      <p className="page-hint">{t('quality.issues.hint')}</p>
      {download.error !== null && <ErrorNotice error={download.error} />}
      {noIssues && !state.loading ? (
        <p className="notice notice-success" data-testid="issues-none">
          {t('quality.issues.none')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table issue-table" data-testid="issue-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('quality.issues.row')}
                </th>
                <th scope="col">{t('quality.issues.item')}</th>
                <th scope="col">{t('quality.issues.rule')}</th>
                <th scope="col">{t('quality.issues.severity')}</th>
                <th scope="col">{t('quality.issues.message')}</th>
                <th scope="col">{t('quality.issues.value')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 && !state.loading ? (
                <tr>
                  <td colSpan={6} className="empty">
                    {t('common.empty')}
                  </td>
                </tr>
              ) : (
                shown.map((i, k) => (
                  <tr
                    key={`${i.rowNo}:${i.ruleId}:${i.item}:${k}`}
                    className={`issue-row issue-${i.severity}`}
                    data-testid="issue-row"
                    data-row={i.rowNo}
                    data-item={i.item}
                    data-kind={i.kind}
                    data-severity={i.severity}
                  >
                    <td className="num">{i.rowNo}</td>
                    <td>
                      {i.item === '(primary key)' ? (
                        t('quality.issues.primaryKey')
                      ) : (
                        <>
                          {itemName(i.item)} <code className="muted">{i.item}</code>
                        </>
                      )}
                    </td>
                    <td>
                      {label('quality.kind.', i.kind)}
                      <div className="muted small mono">{i.ruleId}</div>
                    </td>
                    <td>
                      <SeverityTag severity={i.severity} />
                    </td>
                    <td className="break">{i.message}</td>
                    <td className="mono break" data-testid="issue-value">
                      {i.value ?? t('common.none')}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
      {state.loading && (
        <p className="loading" aria-busy="true">
          {t('common.loading')}
        </p>
      )}
      {state.error !== null && <ErrorNotice error={state.error} onRetry={() => void loadMore()} />}
      {!noIssues && (
        <p className="table-count muted" data-testid="issues-shown">
          {t('quality.issues.shown', { n: shown.length, to: state.scanned, read: total })}
        </p>
      )}
      {!state.loading && state.error === null && state.scanned < total && (
        <button
          type="button"
          className="btn btn-secondary load-more"
          onClick={() => void loadMore()}
          data-testid="issues-more"
        >
          {t('quality.issues.more')}
        </button>
      )}
    </section>
  );
}
