import { useState, type FormEvent } from 'react';
import { computeDeadline } from '../api/ops-endpoints';
import type { Deadline } from '../api/ops-types';
import { useAction } from '../api/use-action';
import { ErrorNotice } from '../components/error-notice';
import { useI18n } from '../i18n/i18n';
import { beijingInstant, formatPlainDate, shanghaiParts } from './calendar-dates';

// 期限计算: N working days from an instant (entered in Beijing time) fall due at 24:00 Beijing time on the
// Nth working day after the local date of the instant; past the loaded years the answer is provisional.

function nowLocal(): string {
  const p = shanghaiParts();
  return `${p.date}T${p.time}`;
}

export function DeadlineCalculator() {
  const { t, locale } = useI18n();
  const [from, setFrom] = useState(nowLocal);
  const [days, setDays] = useState('5');
  const [hint, setHint] = useState<string | null>(null);
  const [result, setResult] = useState<{ deadline: Deadline; n: number } | null>(null);
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(days);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(from)) return setHint(t('deadline.fromRequired'));
    if (!Number.isInteger(n) || n < 1 || n > 1000) return setHint(t('deadline.daysRange'));
    setHint(null);
    const d = await action.run(() => computeDeadline(beijingInstant(from), n));
    setResult(d ? { deadline: d, n } : null);
  };

  return (
    <section className="card deadline-card">
      <h3>{t('deadline.title')}</h3>
      <p className="page-hint">{t('deadline.hint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="deadline-form">
        <label className="field">
          <span>{t('deadline.from')}</span>
          <input
            type="datetime-local"
            name="from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="deadline-from"
          />
        </label>
        <label className="field">
          <span>{t('deadline.days')}</span>
          <input
            type="number"
            name="workingDays"
            min={1}
            max={1000}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            data-testid="deadline-days"
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
            data-testid="deadline-submit"
          >
            {t('deadline.compute')}
          </button>
        </div>
      </form>
      {action.error !== null && <ErrorNotice error={action.error} />}
      {result && (
        <div
          className={`deadline-result${result.deadline.provisional ? ' provisional' : ''}`}
          data-testid="deadline-result"
        >
          <div className="muted">{t('deadline.dueLabel', { n: result.n })}</div>
          <div className="deadline-due" data-testid="deadline-due">
            {formatPlainDate(result.deadline.dueDate, locale, { dateStyle: 'full' })} 24:00
            <span className="muted"> {t('deadline.beijing')}</span>
          </div>
          <div className="muted small">
            {t('deadline.instant')}
            {t('common.colon')}
            <code>{result.deadline.dueAt}</code>
          </div>
          {result.deadline.provisional ? (
            <div className="notice notice-warn" data-testid="deadline-provisional">
              {t('deadline.provisional')}
            </div>
          ) : (
            <div className="muted">{t('deadline.final')}</div>
          )}
        </div>
      )}
    </section>
  );
}
