import { isMessageKey, useI18n } from '../../i18n/i18n';

// How the exchange's refusals read in the console: an access denial names its reason (revoked, suspended,
// expired …) in words and as data-reason, a limit says when to try again.

/** A 403 about the grant itself. */
export function AccessDenied({ reason, message }: { reason: string; message: string }) {
  const { t } = useI18n();
  const key = `exchange.reason.${reason}`;
  return (
    <div
      className="notice notice-error access-denied"
      role="alert"
      data-testid="access-denied"
      data-reason={reason}
    >
      <strong>{t('exchange.denied.title')}</strong>
      <p className="notice-detail">
        <span className="muted">
          {t('exchange.denied.reason')}
          {t('common.colon')}
        </span>
        <span data-testid="access-denied-reason">
          {isMessageKey(key) ? t(key) : t('exchange.reason.UNKNOWN')}
        </span>
      </p>
      <p className="notice-detail muted small">
        {t('error.serverSays')}
        {t('common.colon')}
        {message}
      </p>
    </div>
  );
}

/** A 429: the grant's per-minute limit or daily quota; retry after the given seconds. */
export function RateLimited({ retryAfter }: { retryAfter: number }) {
  const { t, dateTime } = useI18n();
  const at = dateTime(new Date(Date.now() + retryAfter * 1000).toISOString());
  return (
    <div className="notice notice-warn" role="alert" data-testid="rate-limited" data-retry-after={retryAfter}>
      <strong>{t('exchange.rate.title')}</strong>
      <p className="notice-detail">{t('exchange.rate.retry', { n: retryAfter, at })}</p>
    </div>
  );
}
