import { useState } from 'react';
import { getCalendarMonth } from '../api/ops-endpoints';
import type { CalendarDayInfo } from '../api/ops-types';
import { useResource } from '../api/use-resource';
import { AsyncView } from '../components/async-view';
import { useI18n } from '../i18n/i18n';
import {
  currentMonth,
  formatPlainDate,
  isMonth,
  monthWeeks,
  namedRuns,
  shanghaiParts,
  shiftMonth,
} from './calendar-dates';

// The month view: Monday-first weeks, weekends grey, holidays red (休), make-up workdays amber (班), with
// the festival names, and a notice when the month's year is not loaded (weekends only, provisional).

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function CalendarMonth({ version }: { version: number }) {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState(currentMonth);
  const days = useResource(() => getCalendarMonth(month), `${month}|${version}`);
  return (
    <section className="card calendar-card">
      <div className="calendar-nav">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => setMonth((m) => shiftMonth(m, -1))}
          aria-label={t('calendar.prevMonth')}
          data-testid="calendar-prev"
        >
          ‹
        </button>
        <h3 className="calendar-month-title" data-testid="calendar-month-title">
          {formatPlainDate(month, locale, { year: 'numeric', month: 'long' })}
        </h3>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => setMonth((m) => shiftMonth(m, 1))}
          aria-label={t('calendar.nextMonth')}
          data-testid="calendar-next"
        >
          ›
        </button>
        <input
          type="month"
          className="month-input"
          value={month}
          aria-label={t('calendar.pickMonth')}
          data-testid="calendar-month"
          onChange={(e) => isMonth(e.target.value) && setMonth(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => setMonth(currentMonth())}
        >
          {t('calendar.thisMonth')}
        </button>
      </div>
      <Legend />
      <AsyncView resource={days}>{(d) => <MonthGrid days={d} />}</AsyncView>
    </section>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul className="calendar-legend">
      {(['weekday', 'weekend', 'holiday', 'makeup-workday'] as const).map((k) => (
        <li key={k}>
          <span className={`legend-swatch day-${k}`} aria-hidden="true" />
          {t(`calendar.kind.${k}`)}
        </li>
      ))}
    </ul>
  );
}

function MonthGrid({ days }: { days: CalendarDayInfo[] }) {
  const { t, locale } = useI18n();
  const today = shanghaiParts().date;
  const provisional = days.some((d) => d.provisional);
  const runs = namedRuns(days);
  const short = (date: string) => formatPlainDate(date, locale, { month: 'short', day: 'numeric' });
  return (
    <>
      {provisional && <div className="notice notice-warn">{t('calendar.provisionalMonth')}</div>}
      <table className="calendar-grid" data-testid="calendar-grid">
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w} scope="col" className={w === 'sat' || w === 'sun' ? 'weekend-head' : undefined}>
                {t(`calendar.weekday.${w}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(days).map((week) => (
            <tr key={week.find((d) => d)?.date}>
              {week.map((d, i) =>
                d ? (
                  <td
                    key={d.date}
                    className={`day day-${d.kind}${d.date === today ? ' today' : ''}`}
                    data-date={d.date}
                    data-kind={d.kind}
                    title={`${d.date} · ${t(`calendar.kind.${d.kind}`)}${d.name ? ` · ${d.name}` : ''}`}
                  >
                    <span className="day-number">{Number(d.date.slice(8))}</span>
                    {d.kind === 'holiday' && <span className="day-mark">{t('calendar.markOff')}</span>}
                    {d.kind === 'makeup-workday' && (
                      <span className="day-mark">{t('calendar.markWork')}</span>
                    )}
                    {d.name && <span className="day-name">{d.name}</span>}
                  </td>
                ) : (
                  <td key={`pad-${i}`} className="day day-pad" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {runs.length > 0 && (
        <ul className="calendar-runs" data-testid="calendar-runs">
          {runs.map((r) => (
            <li key={`${r.kind}-${r.from}`}>
              <span className={`legend-swatch day-${r.kind}`} aria-hidden="true" />
              <strong>{r.name}</strong> {short(r.from)}
              {r.to !== r.from && ` – ${short(r.to)}`}
              <span className="muted"> · {t(`calendar.kind.${r.kind as CalendarDayInfo['kind']}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
