import type { MaskSpec } from '../../api/catalogue';
import { useI18n } from '../../i18n/i18n';
import { maskText } from '../catalogue/format';
import type { RecordRow } from './exchange-api';

// One page of records as the exchange returned them: a column per granted item, named and coded, with a mark
// on the masked ones (the grant's mask, so the reader knows a value is deliberately incomplete), and rows
// under an accepted objection flagged. Values are shown exactly as returned; the console never unmasks. Rows
// may be picked (a checkbox each) to raise an objection on them.

/** A granted item as a column. */
export interface ItemColumn {
  code: string;
  label: string;
  /** The grant's effective mask; null or `clear` means the value comes in clear. */
  mask: MaskSpec | null;
}

/** True when the grant masks the item. */
export const isMasked = (c: ItemColumn): boolean => c.mask !== null && c.mask.kind !== 'clear';

function cell(v: unknown, none: string) {
  if (v === null || v === undefined) return <span className="muted">{none}</span>;
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** Rows picked by number (to raise an objection on them). */
export interface RowPicker {
  isPicked: (rowNo: number) => boolean;
  toggle: (rowNo: number, row: RecordRow) => void;
}

export function RecordsTable({
  columns,
  rows,
  firstRowNo,
  picker,
}: {
  columns: readonly ItemColumn[];
  rows: readonly RecordRow[];
  firstRowNo: number;
  /** When given, each row has a checkbox. */
  picker?: RowPicker;
}) {
  const { t } = useI18n();
  const none = t('common.none');
  return (
    <div className="table-wrap">
      <table className="data-table records-table" data-testid="records">
        <thead>
          <tr>
            {picker && (
              <th scope="col" className="col-pick">
                {t('objections.pick.column')}
              </th>
            )}
            <th scope="col">{t('exchange.records.row')}</th>
            {columns.map((c) => (
              <th
                key={c.code}
                scope="col"
                className={isMasked(c) ? 'col-masked' : undefined}
                data-testid="records-col"
                data-code={c.code}
                data-masked={isMasked(c) ? 'true' : 'false'}
              >
                <span className="col-label">{c.label}</span> <code className="muted small">{c.code}</code>
                {isMasked(c) && c.mask && (
                  <span
                    className="badge mask-badge"
                    data-testid="mask-badge"
                    data-mask={c.mask.kind}
                    title={`${t('exchange.records.masked')}${t('common.colon')}${maskText(c.mask, t)}`}
                  >
                    {maskText(c.mask, t)}
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length + (picker ? 2 : 1)} className="empty">
                {t('common.empty')}
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr
                key={firstRowNo + i}
                data-testid="record"
                data-disputed={r._disputed ? 'true' : undefined}
                data-row={firstRowNo + i}
                className={r._disputed ? 'row-disputed' : undefined}
              >
                {picker && (
                  <td className="col-pick">
                    <input
                      type="checkbox"
                      aria-label={t('objections.pick.row', { n: firstRowNo + i })}
                      checked={picker.isPicked(firstRowNo + i)}
                      onChange={() => picker.toggle(firstRowNo + i, r)}
                      data-testid="record-pick"
                    />
                  </td>
                )}
                <td className="num nowrap">
                  {firstRowNo + i}
                  {r._disputed && (
                    <span
                      className="badge disputed-badge"
                      data-testid="record-disputed"
                      title={t('exchange.records.disputedHint')}
                    >
                      {t('exchange.records.disputed')}
                    </span>
                  )}
                </td>
                {columns.map((c) => (
                  <td key={c.code} data-code={c.code} className={isMasked(c) ? 'col-masked mono' : 'mono'}>
                    {cell(r[c.code], none)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
