import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useHasRole } from '../layout/session-context';
import { CalendarMonth } from './calendar-month';
import { CalendarUpload } from './calendar-upload';
import { CalendarYears } from './calendar-years';
import { DeadlineCalculator } from './deadline-calculator';

// 工作日历: the working-day calendar in force — a month view, the deadline calculator, the years loaded,
// and for the security administrator the upload of a year's official schedule.

export function CalendarPage() {
  const { t } = useI18n();
  const secadmin = useHasRole('secadmin');
  // Bumped after an upload, so the month view and the year list load again.
  const [version, setVersion] = useState(0);
  return (
    <div className="page-calendar">
      <p className="page-hint">{t('calendar.hint')}</p>
      <div className="calendar-layout">
        <CalendarMonth version={version} />
        <DeadlineCalculator key={version} />
      </div>
      <CalendarYears version={version} />
      {secadmin && <CalendarUpload onLoaded={() => setVersion((v) => v + 1)} />}
    </div>
  );
}
