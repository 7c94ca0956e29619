import { useId, useRef, useState } from 'react';
import type { Item } from '../../api/catalogue';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { useHasRole } from '../../layout/session-context';
import { Link } from '../../nav/router';
import { RaiseForm } from '../objections/raise-form';
import type { PickedRow } from '../objections/raise-model';
import type { ObjectionView } from '../objections/types';
import { EMPTY_FILTER, FilterEditor, filterOf, type FilterDraft } from '../sharing/filter-editor';
import type { Grant } from '../sharing/types';
import { AccessDenied, RateLimited } from './refusal-notice';
import {
  CASE_ID,
  fetchRecords,
  refusalOf,
  type RecordRow,
  type RecordsPage,
  type RecordsQuery,
  type Refusal,
} from './exchange-api';
import { isMasked, RecordsTable, type ItemColumn, type RowPicker } from './records-table';

// The query form and the pages of one grant's data. Nothing is read until the user presses "Query": every
// read is an access recorded with the user's identity and the case reference, so the reference is stated
// before the first read rather than after it. Paging follows the server's cursor; a refresh reads the same page
// again (and is recorded again), which is also how a revoke shows up on an open page.
//
// Rows may be picked to raise a data objection (数据异议) on them: the raise form below the data names them by
// the values the grant returns in clear (docs/objections.md "Raise"). Picks are numbered within one query, so
// a new query starts with none.

const LIMITS = [20, 50, 100] as const;

/** Where a page starts: its cursor and the number of its first row. */
interface PageAt {
  cursor: string | undefined;
  firstRowNo: number;
}

type View =
  | { state: 'idle' }
  | { state: 'loading'; previous: RecordsPage | null }
  | { state: 'page'; page: RecordsPage }
  | { state: 'refused'; refusal: Refusal };

export function RecordsBrowser({
  grant,
  items,
  onDenied,
}: {
  grant: Grant;
  items: readonly Item[];
  /** Called when the exchange denies access, so the page can re-read the grant's status. */
  onDenied: () => void;
}) {
  const { t } = useI18n();
  const caseInput = useId();
  const limitInput = useId();
  const byCode = new Map(items.map((i) => [i.code, i]));
  const columns: ItemColumn[] = grant.scope.items.map((i) => ({
    code: i.code,
    label: byCode.get(i.code)?.label ?? i.code,
    mask: i.mask,
  }));
  // Only items granted in clear may be filtered on (the server refuses the others).
  const filterItems = columns
    .filter((c) => !isMasked(c))
    .map((c) => byCode.get(c.code))
    .filter((i): i is Item => i !== undefined);

  const [caseId, setCaseId] = useState('');
  const [draft, setDraft] = useState<FilterDraft>(EMPTY_FILTER);
  const [limit, setLimit] = useState<number>(LIMITS[0]);
  const [query, setQuery] = useState<Omit<RecordsQuery, 'cursor'> | null>(null);
  const [pages, setPages] = useState<PageAt[]>([]);
  const [view, setView] = useState<View>({ state: 'idle' });
  // Answers arriving after a newer request was sent are dropped.
  const generation = useRef(0);
  const mayRaise = useHasRole('consumer');
  const [picked, setPicked] = useState<ReadonlyMap<number, RecordRow>>(new Map());
  const [raising, setRaising] = useState(false);
  const [raised, setRaised] = useState<ObjectionView | null>(null);
  const picker: RowPicker = {
    isPicked: (n) => picked.has(n),
    toggle: (n, row) =>
      setPicked((prev) => {
        const next = new Map(prev);
        if (next.has(n)) next.delete(n);
        else next.set(n, row);
        return next;
      }),
  };
  const pickedRows: PickedRow[] = [...picked].map(([rowNo, row]) => ({ rowNo, row }));
  const unpick = (n: number) =>
    setPicked((prev) => {
      const next = new Map(prev);
      next.delete(n);
      return next;
    });

  const caseOk = caseId === '' || CASE_ID.test(caseId);
  const parsed = filterOf(draft, filterItems);

  const load = (q: Omit<RecordsQuery, 'cursor'>, stack: PageAt[]) => {
    const at = stack[stack.length - 1];
    if (!at) return;
    const gen = ++generation.current;
    setQuery(q);
    setPages(stack);
    setView((v) => ({ state: 'loading', previous: v.state === 'page' ? v.page : null }));
    fetchRecords(grant.id, { ...q, ...(at.cursor && { cursor: at.cursor }) }).then(
      (page) => gen === generation.current && setView({ state: 'page', page }),
      (e: unknown) => {
        if (gen !== generation.current) return;
        const refusal = refusalOf(e);
        setView({ state: 'refused', refusal });
        if (refusal.kind === 'denied') onDenied();
      },
    );
  };

  const run = () => {
    if (!caseOk || !parsed.ok) return;
    setPicked(new Map());
    load({ filter: parsed.value, limit, caseId }, [{ cursor: undefined, firstRowNo: 1 }]);
  };
  const shown = view.state === 'page' ? view.page : view.state === 'loading' ? view.previous : null;
  const current = pages[pages.length - 1];
  const next = () => {
    if (!query || !shown?.next || !current) return;
    load(query, [...pages, { cursor: shown.next, firstRowNo: current.firstRowNo + shown.items.length }]);
  };
  const busy = view.state === 'loading';

  return (
    <>
      <section className="card" data-testid="records-query">
        <h3>{t('exchange.query.title')}</h3>
        <div className="form-grid">
          <label className={`field${caseOk ? '' : ' field-invalid'}`} htmlFor={caseInput}>
            <span>{t('exchange.query.case')}</span>
            <input
              id={caseInput}
              value={caseId}
              maxLength={100}
              onChange={(e) => setCaseId(e.target.value)}
              data-testid="records-case"
            />
            <small className="muted field-note">{t('exchange.query.caseHint')}</small>
            {!caseOk && (
              <span className="cell-error" role="alert" data-testid="field-error">
                {t('exchange.query.caseInvalid')}
              </span>
            )}
          </label>
          <label className="field" htmlFor={limitInput}>
            <span>{t('exchange.query.limit')}</span>
            <select
              id={limitInput}
              value={limit}
              onChange={(e) => setLimit(Number(e.target.value))}
              data-testid="records-limit"
            >
              {LIMITS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
        {filterItems.length > 0 ? (
          <FilterEditor
            value={draft}
            items={filterItems}
            error={undefined}
            onChange={setDraft}
            label={t('exchange.query.filter')}
          />
        ) : (
          <p className="muted small">{t('exchange.query.noFilterItems')}</p>
        )}
        <p className="muted small">{t('exchange.query.recorded')}</p>
        <div className="action-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !caseOk || !parsed.ok}
            onClick={run}
            data-testid="records-run"
          >
            {t('exchange.query.run')}
          </button>
          {query && (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => load(query, pages)}
              data-testid="records-refresh"
            >
              {t('exchange.query.refresh')}
            </button>
          )}
        </div>
      </section>

      <section className="card" data-testid="records-result" data-state={view.state} aria-busy={busy}>
        <h3>{t('exchange.records.title')}</h3>
        {view.state === 'idle' && <p className="muted">{t('exchange.query.notRun')}</p>}
        {view.state === 'refused' && <RefusalView refusal={view.refusal} />}
        {shown && current && (
          <>
            {mayRaise && (
              <div className="records-pick-bar" data-testid="records-pick-bar">
                <span className="muted" data-testid="records-picked" data-count={picked.size}>
                  {t('objections.pick.count', { n: picked.size })}
                </span>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={raising}
                  onClick={() => {
                    setRaised(null);
                    setRaising(true);
                  }}
                  data-testid="records-raise"
                >
                  {t('objections.pick.raise')}
                </button>
                {picked.size > 0 && (
                  <button
                    type="button"
                    className="btn btn-link"
                    onClick={() => setPicked(new Map())}
                    data-testid="records-unpick"
                  >
                    {t('objections.pick.clear')}
                  </button>
                )}
              </div>
            )}
            <RecordsTable
              columns={columns}
              rows={shown.items}
              firstRowNo={current.firstRowNo}
              {...(mayRaise && { picker })}
            />
            <div className="records-pager">
              <span className="muted" data-testid="records-page">
                {t('exchange.records.page', { n: pages.length, rows: shown.items.length })}
              </span>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={busy || pages.length < 2 || !query}
                onClick={() => query && load(query, pages.slice(0, -1))}
                data-testid="records-prev"
              >
                {t('exchange.records.prev')}
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={busy || !shown.next}
                onClick={next}
                data-testid="records-next"
              >
                {shown.next ? t('exchange.records.next') : t('exchange.records.end')}
              </button>
            </div>
            <p className="muted small">
              {t('exchange.records.evidence')}
              {t('common.colon')}
              <code data-testid="records-evidence">{shown.evidenceId ?? t('common.none')}</code>
            </p>
          </>
        )}
      </section>

      {raised && (
        <div
          className="notice notice-success"
          role="status"
          data-testid="raise-done"
          data-id={raised.id}
          data-status={raised.status}
        >
          {t('objections.raise.done', { n: raised.records.length })}{' '}
          <Link to={`/objections/${raised.id}`} testId="raise-done-open">
            {t('objections.raise.open')}
          </Link>
        </div>
      )}
      {raising && (
        <RaiseForm
          grant={grant}
          columns={columns}
          items={items}
          picked={pickedRows}
          onUnpick={unpick}
          onRaised={(o) => {
            setRaised(o);
            setRaising(false);
            setPicked(new Map());
          }}
          onCancel={() => setRaising(false)}
        />
      )}
    </>
  );
}

/** A refused read: access denied, over a limit, a query beyond the grant, or any other failure. */
function RefusalView({ refusal: r }: { refusal: Refusal }) {
  const { t } = useI18n();
  switch (r.kind) {
    case 'denied':
      return <AccessDenied reason={r.reason} message={r.message} />;
    case 'rate':
      return <RateLimited retryAfter={r.retryAfter} />;
    case 'outside':
      return (
        <div className="notice notice-warn" role="alert" data-testid="records-outside">
          {t(r.filter ? 'exchange.query.filterOutside' : 'exchange.query.outside', {
            items: r.items.join(t('sharing.sep')),
          })}
        </div>
      );
    case 'other':
      return <ErrorNotice error={r.error} />;
  }
}
