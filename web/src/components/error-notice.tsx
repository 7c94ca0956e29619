import { ApiError } from '../api/errors';
import { isMessageKey, useI18n } from '../i18n/i18n';

// Shows a failed call: a localised summary, the server's own message, field problems and the request ID
// (which an administrator can find in the logs and the audit trail).

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const e =
    error instanceof ApiError
      ? error
      : new ApiError(0, 'generic', error instanceof Error ? error.message : String(error));
  const key = `error.${e.code}`;
  const summary = isMessageKey(key) ? t(key) : t('error.generic');
  return (
    <div className="notice notice-error" role="alert">
      <strong>{summary}</strong>
      {e.message && e.message !== summary && (
        <p className="notice-detail">
          <span className="muted">
            {t('error.serverSays')}
            {t('common.colon')}
          </span>
          <span data-testid="server-message">{e.message}</span>
        </p>
      )}
      {e.fields.length > 0 && (
        <ul className="notice-fields">
          {e.fields.map((f) => (
            <li key={`${f.field}:${f.code}`}>
              <code>{f.field}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
      {e.requestId && (
        <p className="notice-detail muted">
          {t('error.requestId')}
          {t('common.colon')}
          <code>{e.requestId}</code>
        </p>
      )}
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
