import { useState, type FormEvent } from 'react';
import { acknowledgeAlert, resolveAlert } from '../api/ops-endpoints';
import type { Alert } from '../api/ops-types';
import { refreshUnread } from '../api/unread-store';
import { useAction } from '../api/use-action';
import { ErrorNotice } from '../components/error-notice';
import { useI18n } from '../i18n/i18n';
import { useHasRole } from '../layout/session-context';

// Acknowledge (确认) and resolve (处理完毕, with a resolution note) for the alert's responsible role. The
// server decides; its refusals (another role, an alert already handled) are shown as they come.

export function AlertActions({ alert, onChanged }: { alert: Alert; onChanged: (a: Alert) => void }) {
  const { t, label } = useI18n();
  const responsible = useHasRole(alert.responsibleRole);
  const action = useAction();
  const [resolution, setResolution] = useState('');
  const [hint, setHint] = useState<string | null>(null);

  if (alert.status === 'resolved') return null;
  if (!responsible)
    return (
      <div className="notice notice-info" data-testid="alert-readonly">
        {t('alerts.readOnly', { role: label('role.', alert.responsibleRole) })}
      </div>
    );

  const done = (a: Alert | undefined) => {
    if (!a) return;
    onChanged(a);
    void refreshUnread();
  };

  const acknowledge = async () => {
    setHint(null);
    done(await action.run(() => acknowledgeAlert(alert.id)));
  };

  const resolve = async (e: FormEvent) => {
    e.preventDefault();
    if (!resolution.trim()) return setHint(t('alerts.resolutionRequired'));
    setHint(null);
    const a = await action.run(() => resolveAlert(alert.id, resolution.trim()));
    if (a) setResolution('');
    done(a);
  };

  return (
    <section className="card" data-testid="alert-actions">
      <h3>{t('alerts.handle')}</h3>
      {alert.status === 'open' && (
        <div className="action-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={action.busy}
            onClick={() => void acknowledge()}
            data-testid="alert-acknowledge"
          >
            {t('alerts.acknowledge')}
          </button>
          <span className="muted">{t('alerts.acknowledgeHint')}</span>
        </div>
      )}
      <form className="resolve-form" onSubmit={(e) => void resolve(e)} noValidate>
        <label className="field">
          <span>{t('alerts.resolution')}</span>
          <textarea
            name="resolution"
            rows={4}
            maxLength={2000}
            value={resolution}
            placeholder={t('alerts.resolutionPlaceholder')}
            onChange={(e) => {
              setResolution(e.target.value);
              setHint(null);
            }}
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
            data-testid="alert-resolve"
          >
            {t('alerts.resolve')}
          </button>
        </div>
      </form>
      {action.error !== null && <ErrorNotice error={action.error} />}
    </section>
  );
}
