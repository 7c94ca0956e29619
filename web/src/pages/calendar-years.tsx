import { listCalendarYears } from '../api/ops-endpoints';
import type { CalendarYearInfo } from '../api/ops-types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { DataTable, type Column } from '../components/data-table';
import { useI18n } from '../i18n/i18n';

// The years in force: shipped with Orderly or loaded by the security administrator (a loaded year replaces
// the shipped one), each with its notice and counts.

export function CalendarYears({ version }: { version: number }) {
  const { t, dateTime } = useI18n();
  const years = useResource(listCalendarYears, String(version));
  const columns: Column<CalendarYearInfo>[] = [
    { key: 'year', header: t('calendar.year'), render: (y) => y.year, className: 'num' },
    { key: 'source', header: t('calendar.source'), render: (y) => y.source },
    {
      key: 'origin',
      header: t('calendar.origin'),
      className: 'nowrap',
      render: (y) => (
        <span className={`badge badge-origin-${y.origin}`}>{t(`calendar.origin.${y.origin}`)}</span>
      ),
    },
    { key: 'holidays', header: t('calendar.holidayCount'), render: (y) => y.holidays, className: 'num' },
    { key: 'workdays', header: t('calendar.workdayCount'), render: (y) => y.workdays, className: 'num' },
    {
      key: 'updated',
      header: t('calendar.updatedAt'),
      render: (y) => dateTime(y.updatedAt),
      className: 'nowrap',
    },
  ];
  return (
    <section className="card">
      <h3>{t('calendar.years')}</h3>
      <p className="page-hint">{t('calendar.yearsHint')}</p>
      <AsyncView resource={years}>
        {(rows) => (
          <DataTable columns={columns} rows={rows} rowKey={(y) => String(y.year)} testId="calendar-years" />
        )}
      </AsyncView>
    </section>
  );
}
