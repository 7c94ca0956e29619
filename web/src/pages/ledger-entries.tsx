import { useState, type FormEvent } from 'react';
import { listEntries } from '../api/evidence-endpoints';
import type { EntryFilter, LedgerEntry } from '../api/evidence-types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { DataTable, type Column } from '../components/data-table';
import { useI18n } from '../i18n/i18n';
import { useHasRole } from '../layout/session-context';

// 日志条目: the log's entries in index order, paged by index (next page = after the last index shown). An
// auditor sees each entry's body and filters by event, organisation and time; others see leaf hashes only
// (the server sends nothing else). Each row opens the proof viewer.

const PAGE = 20;

interface Draft {
  action: string;
  orgId: string;
  from: string;
  to: string;
  start: string;
}

const EMPTY: Draft = { action: '', orgId: '', from: '', to: '', start: '0' };

/** A datetime-local value (browser time) as an ISO instant, or undefined. */
function instant(v: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function filterOf(d: Draft, auditor: boolean): Omit<EntryFilter, 'start' | 'limit'> {
  if (!auditor) return {};
  return {
    ...(d.action.trim() && { action: d.action.trim() }),
    ...(d.orgId.trim() && { orgId: d.orgId.trim() }),
    ...(instant(d.from) && { from: instant(d.from) }),
    ...(instant(d.to) && { to: instant(d.to) }),
  };
}

function text(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

function short(id: string): string {
  return id ? `…${id.slice(-8)}` : '';
}

export function LedgerEntries({
  picked,
  onPick,
}: {
  picked: number | null;
  onPick: (e: LedgerEntry) => void;
}) {
  const { t, label, dateTime } = useI18n();
  const auditor = useHasRole('auditor');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<Draft>(EMPTY);
  const [start, setStart] = useState(0);
  const [back, setBack] = useState<number[]>([]);
  const entries = useResource(
    () => listEntries({ start, limit: PAGE, ...filterOf(applied, auditor) }),
    JSON.stringify([applied, start]),
  );

  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    setStart(Math.max(0, Math.floor(Number(draft.start)) || 0));
    setBack([]);
  };
  const reset = () => {
    setDraft(EMPTY);
    setApplied(EMPTY);
    setStart(0);
    setBack([]);
  };

  const proofButton = (e: LedgerEntry) => (
    <button
      type="button"
      className="btn btn-small btn-secondary"
      onClick={() => onPick(e)}
      data-testid="entry-proof"
    >
      {t('ledger.showProof')}
    </button>
  );
  const columns: Column<LedgerEntry>[] = auditor
    ? [
        { key: 'index', header: t('ledger.index'), render: (e) => e.index, className: 'num' },
        {
          key: 'time',
          header: t('ledger.time'),
          render: (e) => dateTime(text(e.leaf?.time)),
          className: 'nowrap',
        },
        { key: 'action', header: t('ledger.action'), render: (e) => <code>{text(e.leaf?.action)}</code> },
        {
          key: 'actor',
          header: t('ledger.actor'),
          render: (e) => {
            const a = (e.leaf?.actor ?? {}) as { kind?: unknown; id?: unknown };
            return (
              <span title={text(a.id)}>
                {label('actor.', text(a.kind))} <span className="mono muted">{short(text(a.id))}</span>
              </span>
            );
          },
        },
        {
          key: 'org',
          header: t('ledger.org'),
          render: (e) => (
            <span className="mono" title={text(e.leaf?.org)}>
              {short(text(e.leaf?.org))}
            </span>
          ),
        },
        {
          key: 'hash',
          header: t('ledger.leafHash'),
          render: (e) => (
            <code className="truncate" title={e.leafHash}>
              {e.leafHash.slice(0, 12)}…
            </code>
          ),
        },
        { key: 'proof', header: t('common.actions'), render: proofButton },
      ]
    : [
        { key: 'index', header: t('ledger.index'), render: (e) => e.index, className: 'num' },
        {
          key: 'hash',
          header: t('ledger.leafHash'),
          render: (e) => <span className="hash">{e.leafHash}</span>,
        },
        { key: 'proof', header: t('common.actions'), render: proofButton },
      ];

  const field = (k: keyof Draft, labelKey: Parameters<typeof t>[0], type = 'text', placeholder?: string) => (
    <label className="field">
      <span>{t(labelKey)}</span>
      <input
        name={k}
        type={type}
        value={draft[k]}
        placeholder={placeholder}
        min={type === 'number' ? 0 : undefined}
        onChange={(e) => set(k)(e.target.value)}
        data-testid={`entries-${k}`}
      />
    </label>
  );

  return (
    <section className="card" data-testid="ledger-entries">
      <h3>{t('ledger.entries')}</h3>
      <p className="page-hint">{t('ledger.entriesHint')}</p>
      {!auditor && <p className="notice notice-info">{t('ledger.hashesOnly')}</p>}
      <form onSubmit={apply} noValidate>
        <div className="filters-grid">
          {auditor && field('action', 'ledger.filterAction', 'text', t('ledger.filterActionPlaceholder'))}
          {auditor && field('orgId', 'ledger.filterOrg')}
          {auditor && field('from', 'ledger.filterFrom', 'datetime-local')}
          {auditor && field('to', 'ledger.filterTo', 'datetime-local')}
          {field('start', 'ledger.filterStart', 'number')}
        </div>
        <div className="action-row">
          <button type="submit" className="btn btn-primary" data-testid="entries-apply">
            {t('ledger.apply')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={reset}>
            {t('ledger.reset')}
          </button>
        </div>
      </form>
      <AsyncView resource={entries}>
        {(rows) => {
          const first = rows[0];
          const last = rows[rows.length - 1];
          return (
            <>
              <DataTable
                columns={columns}
                rows={rows}
                rowKey={(e) => String(e.index)}
                testId="ledger-entry-table"
                rowClassName={(e) => (e.index === picked ? 'row-picked' : undefined)}
              />
              <div className="pager">
                {first && last && (
                  <span className="muted">
                    {t('ledger.pageRange', { from: first.index, to: last.index })}
                  </span>
                )}
                <button
                  type="button"
                  className="btn btn-small btn-secondary"
                  disabled={back.length === 0}
                  onClick={() => {
                    setStart(back[back.length - 1] ?? 0);
                    setBack((b) => b.slice(0, -1));
                  }}
                  data-testid="entries-prev"
                >
                  {t('ledger.prev')}
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-secondary"
                  disabled={!last || rows.length < PAGE}
                  onClick={() => {
                    if (!last) return;
                    setBack((b) => [...b, start]);
                    setStart(last.index + 1);
                  }}
                  data-testid="entries-next"
                >
                  {t('ledger.next')}
                </button>
              </div>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
