import { useState, type ChangeEvent, type FormEvent } from 'react';
import { putCalendarYear } from '../api/ops-endpoints';
import type { CalendarFileWarning } from '../api/ops-types';
import { useAction } from '../api/use-action';
import { ErrorNotice } from '../components/error-notice';
import { isMessageKey, useI18n } from '../i18n/i18n';

// 载入年度安排 (secadmin): a year's schedule as JSON {year, source, holidays:[{date,name}], workdays:[…]},
// pasted or read from a file, sent to PUT /api/v1/calendar/years/:year. The server checks the whole file and
// lists every problem by path (holidays[3].date); those appear under the form.

function template(year: number): string {
  return JSON.stringify(
    {
      year,
      source: `国务院办公厅关于${year}年部分节假日安排的通知（国办发明电〔${year - 1}〕X号）`,
      holidays: [{ date: `${year}-01-01`, name: '元旦' }],
      workdays: [],
    },
    null,
    2,
  );
}

export function CalendarUpload({ onLoaded }: { onLoaded: () => void }) {
  const { t } = useI18n();
  const [year, setYear] = useState(() => String(new Date().getFullYear() + 1));
  const [text, setText] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [done, setDone] = useState<{ year: number; warnings: CalendarFileWarning[] } | null>(null);
  const action = useAction();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const content = await file.text();
    setText(content);
    try {
      const y = (JSON.parse(content) as { year?: unknown }).year;
      if (typeof y === 'number' && Number.isInteger(y)) setYear(String(y));
    } catch {
      // Reported when the file is sent.
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    action.clear();
    const y = Number(year);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) return setHint(t('calendarUpload.yearRange'));
    let file: unknown;
    try {
      file = JSON.parse(text);
    } catch (err) {
      return setHint(
        t('calendarUpload.badJson', { message: err instanceof Error ? err.message : String(err) }),
      );
    }
    setHint(null);
    const r = await action.run(() => putCalendarYear(y, file));
    if (!r) return;
    setDone(r);
    onLoaded();
  };

  return (
    <section className="card" data-testid="calendar-upload">
      <h3>{t('calendarUpload.title')}</h3>
      <p className="page-hint">{t('calendarUpload.hint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          <label className="field">
            <span>{t('calendar.year')}</span>
            <input
              type="number"
              name="year"
              min={2000}
              max={2100}
              value={year}
              onChange={(e) => setYear(e.target.value)}
              data-testid="calendar-upload-year"
            />
          </label>
          <label className="field">
            <span>{t('calendarUpload.file')}</span>
            <input
              type="file"
              accept="application/json,.json"
              onChange={(e) => void onFile(e)}
              data-testid="calendar-upload-file"
            />
          </label>
        </div>
        <label className="field">
          <span>{t('calendarUpload.json')}</span>
          <textarea
            name="calendar"
            className="mono"
            rows={10}
            spellCheck={false}
            value={text}
            placeholder={template(Number(year) || 2027)}
            onChange={(e) => setText(e.target.value)}
            data-testid="calendar-upload-text"
          />
        </label>
        {hint && (
          <p className="field-hint" role="alert">
            {hint}
          </p>
        )}
        <div className="action-row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={action.busy}
            data-testid="calendar-upload-submit"
          >
            {t('calendarUpload.submit')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setText(template(Number(year) || 2027))}
          >
            {t('calendarUpload.template')}
          </button>
        </div>
      </form>
      {action.error !== null && <ErrorNotice error={action.error} />}
      {done && (
        <div className="notice notice-success" role="status" data-testid="calendar-upload-done">
          {t('calendarUpload.done', { year: done.year })}
          {done.warnings.length > 0 && (
            <ul className="notice-fields">
              {done.warnings.map((w) => {
                const k = `fieldCode.${w.code}`;
                return (
                  <li key={`${w.path}:${w.code}`}>
                    <code>{w.path}</code> {isMessageKey(k) ? t(k) : w.message}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
