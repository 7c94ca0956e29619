import { ApiError, type FieldIssue } from '../api/errors';
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
            <FieldProblem key={`${f.field}:${f.code}`} issue={f} />
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

/** One field problem: its path, the localised meaning of its code (when the dictionary has one) and the
 * server's own message, which names the offending value. */
function FieldProblem({ issue }: { issue: FieldIssue }) {
  const { t } = useI18n();
  const key = `fieldCode.${issue.code}`;
  const local = isMessageKey(key) ? t(key) : '';
  return (
    <li data-testid="field-problem">
      <code>{issue.field}</code> {local || issue.message}
      {local && local !== issue.message && (
        <span className="muted">{t('common.aside', { text: issue.message })}</span>
      )}
    </li>
  );
}
