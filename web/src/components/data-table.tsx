import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

// A plain, accessible data table. Columns say how to render a cell; rows need a stable key.

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  className?: string;
}

export function DataTable<T>(props: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  caption?: string;
  testId?: string;
  /** Extra class of a row (e.g. its severity). */
  rowClassName?: (row: T) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={props.testId}>
        {props.caption && <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} className="empty">
                {t('common.empty')}
              </td>
            </tr>
          ) : (
            props.rows.map((r) => (
              <tr key={props.rowKey(r)} className={props.rowClassName?.(r)}>
                {props.columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.render(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p className="table-count muted">{t('common.total', { n: props.rows.length })}</p>
    </div>
  );
}
