import type { Item } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';
import type { CellValue, ObjectionView } from './types';

// The records an objection names. Everyone sees their order and row keys (a keyed digest of the primary key,
// never a value) and which got a new version through a correction; the provider's answering roles also see
// each record's current values — their own data, to verify and correct — exactly as the API gives them.

/** The item codes of the values shown, in the catalogue's order (unknown codes after them). */
export function valueCodes(o: ObjectionView, items: readonly Item[]): string[] {
  const present = new Set(o.records.flatMap((r) => Object.keys(r.values ?? {})));
  const known = items.map((i) => i.code).filter((c) => present.has(c));
  return [...known, ...[...present].filter((c) => !known.includes(c)).sort()];
}

export function cellText(v: CellValue | undefined, none: string): string {
  return v === null || v === undefined ? none : String(v);
}

export function RecordsPanel({ o, items }: { o: ObjectionView; items: readonly Item[] }) {
  const { t } = useI18n();
  const none = t('common.none');
  const withValues = o.records.some((r) => r.values !== undefined);
  const codes = withValues ? valueCodes(o, items) : [];
  const labelOf = (c: string) => items.find((i) => i.code === c)?.label ?? c;
  return (
    <section className="card" data-testid="objection-records" data-values={withValues ? 'true' : 'false'}>
      <h3>{t('objections.records.title', { n: o.records.length })}</h3>
      <p className="muted small">
        {withValues ? t('objections.records.providerHint') : t('objections.records.raiserHint')}
      </p>
      {o.records.length === 0 ? (
        <p className="empty-state">{t('objections.records.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table records-table">
            <thead>
              <tr>
                <th scope="col">{t('exchange.records.row')}</th>
                <th scope="col">{t('objections.records.key')}</th>
                <th scope="col">{t('objections.records.state')}</th>
                {codes.map((c) => (
                  <th key={c} scope="col">
                    <span className="col-label">{labelOf(c)}</span> <code className="muted small">{c}</code>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {o.records.map((r) => (
                <tr
                  key={r.record}
                  data-testid="objection-record"
                  data-record={r.record}
                  data-corrected-rev={r.correctedRev ?? ''}
                >
                  <td className="num">{r.ordinal + 1}</td>
                  <td>
                    <code title={r.record}>{r.record.slice(0, 12)}…</code>
                  </td>
                  <td className="nowrap">
                    {r.correctedRev !== null ? (
                      <span className="badge ob-corrected" data-testid="record-corrected">
                        {t('objections.records.corrected', { rev: r.correctedRev })}
                      </span>
                    ) : (
                      <span className="muted">{none}</span>
                    )}
                  </td>
                  {codes.map((c) => (
                    <td key={c} className="mono" data-code={c}>
                      {r.values === null ? (
                        <span className="muted">{t('objections.records.gone')}</span>
                      ) : (
                        cellText(r.values?.[c], none)
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
